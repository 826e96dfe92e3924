package dev.engram.testkit;

import dev.engram.Store;

/**
 * The conformance kit every backend runs: the semantics of {@link Store}, pinned down as tests. A
 * backend module subclasses this in its tests and says how to get a fresh, empty store:
 *
 * <pre>{@code
 * class SqliteStoreConformanceTest extends StoreConformanceKit {
 *   protected String freshStoreUri(Path tempDir) {
 *     return "sqlite:" + tempDir.resolve("engram.db");
 *   }
 * }
 * }</pre>
 *
 * <p>Every test runs on its own fresh store with a {@link MutableClock} and no background sweep, so
 * TTL behaviour is tested by moving the clock, never by sleeping.
 */
public abstract class StoreConformanceKit extends StoreKit
    implements NamespaceAndKeyContract,
        CrudContract,
        ConditionalPutContract,
        ValueContract,
        ValueSizeContract,
        TtlContract,
        SweepContract,
        SearchContract,
        FilterContract,
        FilterOrderingContract,
        FilterValidationContract,
        ListNamespacesContract,
        BatchContract,
        ConcurrencyContract,
        SettingsContract {}
