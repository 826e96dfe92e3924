package dev.engram.redis;

import dev.engram.Namespace;

/**
 * The key layout of one store (one prefix). Every key of a namespace carries the hash tag {@code
 * {prefix:namespace}}, so a namespace's items and indexes live in one Redis Cluster slot and the
 * scripts that update them together run unchanged on Cluster; different namespaces spread over
 * the cluster. The namespace registry has its own tag {@code {prefix}}.
 *
 * <pre>
 * {prefix}:namespaces          sorted set, all scores 0: every namespace in use (lexicographic)
 * {prefix}:registrations       hash namespace -&gt; registration number (guards removals)
 * {prefix}:sequence            counter of registration numbers
 * {prefix}:setting:NAME       string: a store-wide setting (the index configuration as JSON)
 * {prefix:ns}:i:KEY            hash: v value JSON, c created, u updated, e expires, t ttl,
 *                              n version; and when indexed for search m model, f own index
 *                              paths, x texts, w vectors (see IndexFields)
 * {prefix:ns}:z                sorted set: KEY scored by updated_at (search order)
 * {prefix:ns}:x                sorted set: KEY scored by expires_at (items with a TTL only)
 * {prefix:ns}:m                hash: r registered flag, e registration epoch
 * {prefix:ns}:k                sorted set, all scores 0: a snapshot of the keys in key order,
 *                              while a reindexing scan pages through the namespace
 *
 * {prefix}:conversations       sorted set, all scores 0: conversation ids (see IdRegistry)
 * {prefix:c:ID}:h              hash: conversation header (see RedisConversationBackend)
 * {prefix:c:ID}:l, :d          list of message JSON texts; set of message ids
 * {prefix}:threads             sorted set, all scores 0: checkpoint thread ids
 * {prefix:t:THREAD}:h, ...     thread header and checkpoint keys (see RedisCheckpointBackend)
 * </pre>
 *
 * <p>A conversation or thread tag can equal a namespace tag (a namespace {@code c:ID}); their key
 * suffixes differ ({@code :h :l :d :n :z… :d… :w… :y…} against {@code :i: :z :x :m :k}), so the
 * two never share a key.
 *
 * <p>Redis takes the hash tag up to the first '}', so '{', '}' and '%' in the namespace are
 * %-escaped: the tag then ends exactly after the namespace, and the item key that follows it can be
 * any text without two addresses ever sharing a key.
 */
final class Keys {
  private final String prefix;
  private final String registry;
  private final String registrations;
  private final String sequence;
  private final String conversations;
  private final String threads;

  Keys(String prefix) {
    this.prefix = prefix;
    this.registry = "{" + prefix + "}:namespaces";
    this.registrations = "{" + prefix + "}:registrations";
    this.sequence = "{" + prefix + "}:sequence";
    this.conversations = "{" + prefix + "}:conversations";
    this.threads = "{" + prefix + "}:threads";
  }

  /** The registry of conversation ids (its own slot, beside the namespace registry). */
  String conversations() {
    return conversations;
  }

  /** The registry of checkpoint thread ids. */
  String threads() {
    return threads;
  }

  /** The keys of one conversation, all sharing its hash tag {@code {prefix:c:ID}}. */
  TagKeys conversation(String id) {
    return new TagKeys("{" + prefix + ":c:" + escape(id) + "}");
  }

  /** The keys of one checkpoint thread, all sharing its hash tag {@code {prefix:t:THREAD}}. */
  TagKeys thread(String threadId) {
    return new TagKeys("{" + prefix + ":t:" + escape(threadId) + "}");
  }

  String prefix() {
    return prefix;
  }

  String registry() {
    return registry;
  }

  String registrations() {
    return registrations;
  }

  String sequence() {
    return sequence;
  }

  /** A store-wide setting: in the registry's slot, so all settings live on one node. */
  String setting(String name) {
    return "{" + prefix + "}:setting:" + name;
  }

  NamespaceKeys of(Namespace namespace) {
    return new NamespaceKeys("{" + prefix + ":" + escape(namespace.toString()) + "}");
  }

  static String escape(String text) {
    if (text.indexOf('{') < 0 && text.indexOf('}') < 0 && text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder s = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '%' -> s.append("%25");
        case '{' -> s.append("%7B");
        case '}' -> s.append("%7D");
        default -> s.append(c);
      }
    }
    return s.toString();
  }

  /** The keys of one namespace, all sharing its hash tag. */
  record NamespaceKeys(String tag) {
    String item(String key) {
      return tag + ":i:" + key;
    }

    /** What an item's key is appended to; scripts build item keys from it. */
    String itemPrefix() {
      return tag + ":i:";
    }

    String order() {
      return tag + ":z";
    }

    String expiry() {
      return tag + ":x";
    }

    String meta() {
      return tag + ":m";
    }

    String keySnapshot() {
      return tag + ":k";
    }
  }

  /**
   * The keys of one conversation or thread. Java names only the header; the scripts derive the
   * other keys from the tag (passed as an argument), so the layout is written down once per kind,
   * in its Lua fragment.
   */
  record TagKeys(String tag) {
    String header() {
      return tag + ":h";
    }
  }
}
