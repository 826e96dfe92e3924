package dev.engram.redis;

/**
 * One script invocation: the script, its keys (all of one hash tag) and its arguments.
 *
 * @param what what the call does, for error messages (e.g. {@code "put of users.alice/prefs"})
 */
record ScriptCall(LuaScript script, String[] keys, String[] args, String what) {

  /** Whether a script's number reply is a Lua {@code 1}-style true (integers come back as Long). */
  static boolean flag(Object reply) {
    return reply instanceof Long n && n != 0;
  }
}
