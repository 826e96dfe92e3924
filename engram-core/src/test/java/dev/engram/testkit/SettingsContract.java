package dev.engram.testkit;

import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static dev.engram.testkit.TestData.withTtl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.PutOptions;
import dev.engram.Store;
import dev.engram.core.Engram;
import dev.engram.core.StoreBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Store and option builders: nonsense is refused at once, by name; good settings open a store. */
public interface SettingsContract extends StoreFixture {

  /** A bad store setting and the setting name its error must mention. */
  enum BadStoreSetting {
    ZERO_DEFAULT_TTL(b -> b.defaultTtl(Duration.ZERO), "defaultTtl"),
    NEGATIVE_DEFAULT_TTL(b -> b.defaultTtl(Duration.ofSeconds(-1)), "defaultTtl"),
    ZERO_SWEEP_BATCH_SIZE(b -> b.sweepBatchSize(0), "sweepBatchSize"),
    NEGATIVE_SWEEP_BATCH_SIZE(b -> b.sweepBatchSize(-5), "sweepBatchSize"),
    ZERO_MAX_VALUE_BYTES(b -> b.maxValueBytes(0), "maxValueBytes"),
    ZERO_MAX_KEY_LENGTH(b -> b.maxKeyLength(0), "maxKeyLength"),
    ZERO_SWEEP_INTERVAL(b -> b.sweepInterval(Duration.ZERO), "sweepInterval"),
    NEGATIVE_SWEEP_INTERVAL(b -> b.sweepInterval(Duration.ofMillis(-1)), "sweepInterval"),
    NULL_SWEEP_INTERVAL(b -> b.sweepInterval(null), "sweepInterval"),
    NULL_CLOCK(b -> b.clock(null), "clock");

    final Consumer<StoreBuilder> apply;
    final String setting;

    BadStoreSetting(Consumer<StoreBuilder> apply, String setting) {
      this.apply = apply;
      this.setting = setting;
    }
  }

  @ParameterizedTest
  @EnumSource(BadStoreSetting.class)
  default void storeBuilderRefusesBadSettingsNamingThem(BadStoreSetting bad) {
    assertInvalid(() -> bad.apply.accept(builder())).hasMessageContaining(bad.setting);
  }

  @Test
  default void putOptionsRefuseBadSettingsNamingThem() {
    assertInvalid(() -> PutOptions.builder().ttl(Duration.ZERO)).hasMessageContaining("ttl");
    assertInvalid(() -> PutOptions.builder().ttl(Duration.ofMinutes(-1)))
        .hasMessageContaining("ttl");
    assertInvalid(() -> PutOptions.builder().ttl(null)).hasMessageContaining("ttl");
    assertInvalid(() -> PutOptions.builder().ifVersion(-1)).hasMessageContaining("ifVersion");
  }

  @Test
  default void putWithNullOptionsIsRejected() {
    assertInvalid(() -> store().put(ns("a"), "k", object("a", 1), null));
    assertThat(store().get(ns("a"), "k")).isEmpty();
  }

  @Test
  default void unknownSchemeIsRefusedListingTheAvailableOnes() {
    var thrown = assertInvalid(() -> Engram.store("nope:x").open()).hasMessageContaining("nope");
    for (String scheme : Engram.schemes()) {
      thrown.hasMessageContaining(scheme);
    }
  }

  @Test
  default void uriWithoutASchemeIsRefused() {
    assertInvalid(() -> Engram.store("").open());
    assertInvalid(() -> Engram.store("   ").open());
    assertInvalid(() -> Engram.store(null).open());
    assertInvalid(() -> Engram.store("no-colon-here").open());
  }

  @Test
  default void schemeOfThisBackendIsRegistered() {
    String scheme = storeUri().substring(0, storeUri().indexOf(':')).toLowerCase(Locale.ROOT);
    assertThat(Engram.schemes()).contains(scheme);
  }

  @Test
  default void storeOpensWithEverySettingGiven() {
    Store store =
        store(b -> b.defaultTtl(Duration.ofDays(1))
            .refreshOnRead(false)
            .sweepInterval(Duration.ofSeconds(30))
            .sweepBatchSize(10)
            .maxValueBytes(1000)
            .maxKeyLength(100));
    assertThat(store.put(ns("a"), "k", object("a", 1)).expiresAt())
        .isEqualTo(now().plus(Duration.ofDays(1)));
    assertThat(store.sweepExpired()).isZero();
  }

  @Test
  default void storeWithBackgroundSweepWorksAsUsual() {
    Store store = store(b -> b.backgroundSweep(true).sweepInterval(Duration.ofMillis(20)));
    store.put(ns("a"), "k", object("a", 1), withTtl(Duration.ofSeconds(1)));
    clock().advance(Duration.ofSeconds(2));
    assertThat(store.get(ns("a"), "k")).isEmpty();
  }
}
