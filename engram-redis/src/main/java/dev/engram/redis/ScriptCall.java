package dev.engram.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One script invocation: the script, its keys (all of one hash tag) and its arguments.
 *
 * @param bytes a last argument sent as raw bytes (vectors), or null
 * @param what what the call does, for error messages (e.g. {@code "put of users.alice/prefs"})
 */
record ScriptCall(
    LuaScript script, String[] keys, String[] args, byte @Nullable [] bytes, String what) {

  ScriptCall(LuaScript script, String[] keys, String[] args, String what) {
    this(script, keys, args, null, what);
  }

  /** Whether a script's number reply is a Lua {@code 1}-style true (integers come back as Long). */
  static boolean flag(Object reply) {
    return reply instanceof Long n && n != 0;
  }

  /**
   * The command that runs this call: {@code EVALSHA} naming the script, or {@code EVAL} with its
   * text (which loads it again) after the server answered NOSCRIPT.
   *
   * @param binaryReplies whether the reply's strings arrive as {@code byte[]} (vectors) instead of
   *     UTF-8 text
   */
  AsyncCommand<String, String, List<Object>> command(boolean byText, boolean binaryReplies) {
    CommandArgs<String, String> args =
        new CommandArgs<>(StringCodec.UTF8)
            .add(byText ? script.text() : script.sha())
            .add(keys.length)
            .addKeys(keys)
            .addValues(this.args);
    if (bytes != null) {
      args.add(bytes);
    }
    return new AsyncCommand<>(
        new Command<>(
            byText ? CommandType.EVAL : CommandType.EVALSHA,
            binaryReplies ? binaryOutput() : new NestedMultiOutput<>(StringCodec.UTF8),
            args));
  }

  /**
   * A script reply whose strings stay bytes. The codec of an output only decodes the reply, so
   * this output fits a command of the connection's string codec; the cast just says so.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CommandOutput<String, String, List<Object>> binaryOutput() {
    return (CommandOutput) new NestedMultiOutput<>(ByteArrayCodec.INSTANCE);
  }
}
