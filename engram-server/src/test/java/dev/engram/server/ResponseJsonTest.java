package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.spi.JsonCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The server's response encoder writes exactly what {@link JsonCodec#toJson} writes. */
class ResponseJsonTest {
  private static String encode(Object value) {
    return ResponseJson.encode(value, Long.MAX_VALUE).toString(StandardCharsets.UTF_8);
  }

  private static Map<String, Object> sample(int n) {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("astral", "\uD83D\uDE00 and \uD834\uDD1E");
    nested.put("nul", "a\u0000b");
    nested.put("controls", "tab\tquote\"backslash\\newline\n\u0001");
    nested.put("latin", "héllo wörld ✓");
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("n", n);
    value.put("long", Long.MIN_VALUE);
    value.put("short", (short) 7);
    value.put("byte", (byte) -3);
    value.put("big", new BigInteger("123456789012345678901234567890"));
    value.put("decimal", new BigDecimal("1.50"));
    value.put("exponent", new BigDecimal("1E+400"));
    value.put("double", 0.1);
    value.put("float", 2.5f);
    value.put("true", true);
    value.put("false", false);
    value.put("null", null);
    value.put("empty", Map.of());
    value.put("list", Arrays.asList(1, "two", null, List.of(), Set.of("only")));
    value.put("nested", nested);
    value.put("key with \uD83D\uDE00", "x".repeat(n));
    return value;
  }

  @Test
  void writesWhatJsonCodecWrites() {
    for (Object value : Arrays.asList(null, "text", 42, true, List.of(), Map.of(),
        new BigDecimal("-0.000"), sample(0), sample(20_000))) {
      assertThat(encode(value)).isEqualTo(JsonCodec.toJson(value));
    }
  }

  @Test
  void refusesWhatJsonCodecRefusesWithTheSameMessage() {
    Map<String, Object> unpaired = Map.of("deep", List.of(Map.of("s", "a\uD800b")));
    Map<String, Object> unpairedKey = Map.of("k\uDC00", 1);
    Map<Object, Object> numberKey = Map.of(1, 1);
    Map<String, Object> nan = Map.of("x", List.of(Double.NaN));
    Map<String, Object> infinite = Map.of("x", Float.POSITIVE_INFINITY);
    Map<String, Object> object = Map.of("when", new Object());
    for (Object value : List.of(unpaired, unpairedKey, numberKey, nan, infinite, object)) {
      String expected = catchMessage(() -> JsonCodec.toJson(value));
      assertThatThrownBy(() -> encode(value)).isInstanceOf(InvalidInputException.class)
          .hasMessage(expected);
    }
  }

  @Test
  void aBodyOverTheLimitIsRefusedAsItCrossesIt() {
    Map<String, Object> value = Map.of("s", "x".repeat(20_000));
    assertThat(ResponseJson.encode(value, 20_008).size()).isEqualTo(20_008);
    assertThatThrownBy(() -> ResponseJson.encode(value, 20_007)).isInstanceOf(ApiError.class)
        .satisfies(e -> assertThat(((ApiError) e).code).isEqualTo("response_too_large"));
  }

  @Test
  void pooledBuffersAreNotSharedBetweenConcurrentWriters() throws Exception {
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i * 97;
        results.add(threads.submit(() -> encode(sample(n)).equals(JsonCodec.toJson(sample(n)))));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    }
  }

  private static String catchMessage(Runnable call) {
    try {
      call.run();
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
    throw new AssertionError("JsonCodec accepted the value");
  }
}
