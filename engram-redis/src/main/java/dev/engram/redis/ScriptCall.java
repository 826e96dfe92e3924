package dev.engram.redis;

/**
 * One script invocation: the script, its keys (all of one hash tag) and its arguments.
 *
 * @param what what the call does, for error messages (e.g. {@code "put of users.alice/prefs"})
 */
record ScriptCall(LuaScript script, String[] keys, String[] args, String what) {}
