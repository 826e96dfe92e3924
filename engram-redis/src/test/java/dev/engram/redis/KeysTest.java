package dev.engram.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Namespace;
import io.lettuce.core.cluster.SlotHash;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeysTest {
  private final Keys keys = new Keys("engram");

  @Test
  void allKeysOfANamespaceShareOneSlot() {
    for (Namespace ns : List.of(Namespace.of("users", "alice"), Namespace.of("a}b", "{c}"),
        Namespace.of("100%", "x{"), Namespace.of("😀", "é"))) {
      Keys.NamespaceKeys k = keys.of(ns);
      int slot = SlotHash.getSlot(k.order());
      assertThat(SlotHash.getSlot(k.expiry())).isEqualTo(slot);
      assertThat(SlotHash.getSlot(k.meta())).isEqualTo(slot);
      assertThat(SlotHash.getSlot(k.item("plain"))).isEqualTo(slot);
      assertThat(SlotHash.getSlot(k.item("}{tricky}"))).isEqualTo(slot);
    }
  }

  @Test
  void registryKeysShareTheirOwnSlot() {
    int slot = SlotHash.getSlot(keys.registry());
    assertThat(SlotHash.getSlot(keys.registrations())).isEqualTo(slot);
    assertThat(SlotHash.getSlot(keys.sequence())).isEqualTo(slot);
  }

  @Test
  void bracesInNamespacesCannotMakeTwoAddressesShareAKey() {
    // Without escaping, namespace "a}:i:b" with key "c" and namespace "a" with key "b}:i:c" would
    // both be "{engram:a}:i:b}:i:c".
    String first = keys.of(Namespace.of("a}:i:b")).item("c");
    String second = keys.of(Namespace.of("a")).item("b}:i:c");
    assertThat(first).isNotEqualTo(second);
    Set<String> tags = new HashSet<>();
    for (String label : List.of("a", "a%7D", "a}", "a%", "a%25", "a{", "a%7B")) {
      assertThat(tags.add(keys.of(Namespace.of(label)).tag())).isTrue();
    }
  }

  @Test
  void namespacesSpreadOverSlots() {
    Set<Integer> slots = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      slots.add(SlotHash.getSlot(keys.of(Namespace.of("tenant" + i)).order()));
    }
    assertThat(slots).hasSizeGreaterThan(90);
  }
}
