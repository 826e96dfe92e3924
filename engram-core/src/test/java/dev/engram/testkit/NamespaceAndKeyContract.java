package dev.engram.testkit;

import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static dev.engram.testkit.TestData.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.Namespace;
import dev.engram.NamespaceQuery;
import dev.engram.SearchRequest;
import dev.engram.Store;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which namespaces and keys address an item, and how every operation rejects the others. */
public interface NamespaceAndKeyContract extends StoreFixture {

  /** The single-item operations, each given a namespace and a key. */
  enum ItemOperation {
    GET((store, address) -> store.get(address.namespace(), address.key())),
    PUT((store, address) -> store.put(address.namespace(), address.key(), object("a", 1))),
    DELETE((store, address) -> store.delete(address.namespace(), address.key()));

    final BiConsumer<Store, Address> call;

    ItemOperation(BiConsumer<Store, Address> call) {
      this.call = call;
    }
  }

  /** A namespace and key pair, either of which may be null. */
  record Address(Namespace namespace, String key) {}

  /** Keys no operation accepts, whatever the backend. */
  enum BadKey {
    NULL(null),
    EMPTY(""),
    LONGER_THAN_DEFAULT_LIMIT(repeat('k', 1025)),
    NUL_INSIDE("a\0b"),
    LONE_HIGH_SURROGATE("a\uD834"),
    LONE_LOW_SURROGATE("\uDD1Eb"),
    REVERSED_SURROGATE_PAIR("\uDD1E\uD834");

    final String key;

    BadKey(String key) {
      this.key = key;
    }
  }

  @ParameterizedTest
  @EnumSource(ItemOperation.class)
  default void nullNamespaceIsRejected(ItemOperation operation) {
    assertInvalid(() -> operation.call.accept(store(), new Address(null, "k")));
  }

  @ParameterizedTest
  @EnumSource(BadKey.class)
  default void badKeysAreRejectedByGetPutAndDelete(BadKey badKey) {
    for (ItemOperation operation : ItemOperation.values()) {
      assertThatThrownBy(() -> operation.call.accept(store(), new Address(ns("users"), badKey.key)))
          .as("%s with key %s", operation, badKey)
          .isInstanceOf(InvalidInputException.class);
    }
    assertThat(searchAll(Namespace.root())).isEmpty();
  }

  @Test
  default void keyOfExactlyTheDefaultMaximumLengthIsAccepted() {
    String key = repeat('k', 1024);
    store().put(ns("users"), key, object("a", 1));
    assertThat(stored(ns("users"), key).key()).isEqualTo(key);
  }

  @Test
  default void maximumKeyLengthIsConfigurable() {
    Store store = store(b -> b.maxKeyLength(8));
    store.put(ns("users"), "12345678", object("a", 1));
    assertInvalid(() -> store.put(ns("users"), "123456789", object("a", 1)))
        .hasMessageContaining("key");
    assertThat(store.get(ns("users"), "12345678")).isPresent();
  }

  @Test
  default void keyLengthCountsCharactersNotBytes() {
    Store store = store(b -> b.maxKeyLength(4));
    store.put(ns("users"), "éééé", object("a", 1));
    assertThat(store.get(ns("users"), "éééé")).isPresent();
  }

  @Test
  default void rootNamespaceCannotHoldItems() {
    assertInvalid(() -> store().put(Namespace.root(), "k", object("a", 1)));
    assertThat(searchAll(Namespace.root())).isEmpty();
  }

  @Test
  default void reservedFirstLabelIsRejectedOnPut() {
    assertInvalid(() -> store().put(ns("langgraph"), "k", object("a", 1)))
        .hasMessageContaining("langgraph");
    assertInvalid(() -> store().put(ns("langgraph", "users"), "k", object("a", 1)));
    assertThat(store().listNamespaces(NamespaceQuery.all())).isEmpty();
  }

  @Test
  default void reservedFirstLabelJustFindsNothingOnReads() {
    assertThat(store().get(ns("langgraph"), "k")).isEmpty();
    assertThat(store().delete(ns("langgraph"), "k")).isFalse();
    assertThat(store().search(SearchRequest.under(ns("langgraph")))).isEmpty();
    assertThat(store().listNamespaces(NamespaceQuery.builder().prefix(ns("langgraph")).build()))
        .isEmpty();
  }

  @Test
  default void reservedLabelIsAllowedBelowTheFirstLevel() {
    store().put(ns("users", "langgraph"), "k", object("a", 1));
    assertThat(store().get(ns("users", "langgraph"), "k")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a.b", "a\0b", "a\uD834", "\uDD1E"})
  default void badLabelsAreRejectedWhenTheNamespaceIsMade(String label) {
    assertInvalid(() -> Namespace.of("users", label)).hasMessageContaining("label 2");
  }

  @Test
  default void labelLengthAndLabelCountLimitsHold() {
    assertInvalid(() -> Namespace.of(repeat('x', 257)));
    assertInvalid(() -> Namespace.of(Collections.nCopies(33, "x")));
    assertInvalid(() -> Namespace.parse("a..b"));
    assertInvalid(() -> Namespace.of((List<String>) null));
  }

  @Test
  default void namespacesAtTheLimitsStoreAndRoundTrip() {
    Namespace longLabel = ns(repeat('x', 256));
    Namespace deepest = Namespace.of(Collections.nCopies(32, "x"));
    store().put(longLabel, "k", object("a", 1));
    store().put(deepest, "k", object("a", 2));
    assertThat(stored(longLabel, "k").namespace()).isEqualTo(longLabel);
    assertThat(stored(deepest, "k").namespace().labels()).hasSize(32);
  }

  @Test
  default void unicodeInLabelsAndKeysRoundTrips() {
    Namespace namespace = ns("usérs", "日本", "🙂", "𝄞clef");
    String key = "ключ-😀-𝄞-\u0301";
    store().put(namespace, key, object("a", 1));
    assertThat(stored(namespace, key).namespace()).isEqualTo(namespace);
    assertThat(keys(searchAll(ns("usérs", "日本")))).containsExactly(key);
    assertThat(store().listNamespaces(NamespaceQuery.all())).containsExactly(namespace);
  }

  @Test
  default void keysMayHoldSeparatorsQuotesAndWhitespace() {
    List<String> keys = List.of("a.b", "a/b", "a b", "'\"", "%_*", "\t\n", "\\", "..");
    for (String key : keys) {
      store().put(ns("users"), key, object("key", key));
    }
    for (String key : keys) {
      assertThat(stored(ns("users"), key).value()).isEqualTo(Map.of("key", key));
    }
  }

  @Test
  default void keysAndLabelsAreCaseSensitiveAndExact() {
    store().put(ns("users"), "Key", object("v", 1));
    store().put(ns("users"), "key", object("v", 2));
    store().put(ns("Users"), "key", object("v", 3));
    store().put(ns("users"), "key ", object("v", 4));
    assertThat(stored(ns("users"), "Key").value()).containsEntry("v", 1);
    assertThat(stored(ns("users"), "key").value()).containsEntry("v", 2);
    assertThat(stored(ns("Users"), "key").value()).containsEntry("v", 3);
    assertThat(stored(ns("users"), "key ").value()).containsEntry("v", 4);
  }

  @Test
  default void sameKeyInParentAndChildNamespacesAreDifferentItems() {
    store().put(ns("a"), "k", object("v", "parent"));
    store().put(ns("a", "b"), "k", object("v", "child"));
    store().delete(ns("a"), "k");
    assertThat(store().get(ns("a"), "k")).isEmpty();
    assertThat(stored(ns("a", "b"), "k").value()).containsEntry("v", "child");
  }
}
