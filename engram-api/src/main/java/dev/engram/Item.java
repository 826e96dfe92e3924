package dev.engram;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stored document: a JSON object addressed by namespace and key.
 *
 * <p>The value is an unmodifiable tree of {@code Map<String,Object>}, {@code List<Object>}, {@link
 * String}, {@link Boolean}, {@code null} and numbers: {@link Integer}, {@link Long} or {@link
 * java.math.BigInteger} for integers (the smallest that holds the value) and {@link
 * java.math.BigDecimal} for decimals, so integers stay integers and decimals keep their digits on
 * every backend.
 *
 * @param createdAt when the item was first written (kept by later puts)
 * @param updatedAt when the item was last written
 * @param expiresAt when the item stops being visible, or null for never
 * @param version 1 on creation, one more on every put
 */
public record Item(
    Namespace namespace,
    String key,
    Map<String, Object> value,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant expiresAt,
    long version) {}
