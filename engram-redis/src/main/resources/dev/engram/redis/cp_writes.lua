-- Stores a task's writes against a checkpoint of a visible thread, atomically: a special channel
-- (upsert '1') replaces what the task has at its index, a normal write is inserted only when the
-- index is free (LangGraph's rule, so a retried putWrites changes nothing).
-- KEYS: thread header. ARGV: tag, now, ttl or '', namespace, checkpoint id, then triples
-- (field 'id NUL task NUL idx', upsert '1' or '0', write JSON).
-- Returns {1}, or {0} when the thread is not visible or has no such checkpoint.
local tag, now = ARGV[1], ARGV[2]
if not thread_visible(tag, now) then
  return {0}
end
local _, d, w, y = ns_keys(tag, ARGV[4])
if redis.call('HEXISTS', d, ARGV[5]) == 0 then
  return {0}
end
for i = 6, #ARGV, 3 do
  if ARGV[i + 1] == '1' then
    redis.call('HSET', w, ARGV[i], ARGV[i + 2])
  else
    redis.call('HSETNX', w, ARGV[i], ARGV[i + 2])
  end
  redis.call('ZADD', y, 0, ARGV[i])
end
thread_set_ttl(tag, ARGV[3], now)
return {1}
