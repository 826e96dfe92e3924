-- Counts for stats: the thread's checkpoints and writes, when it is visible.
-- KEYS: thread header. ARGV: tag, now.
-- Returns {0 absent | 1 expired | 2 visible, checkpoints, writes}.
local tag, now = ARGV[1], ARGV[2]
if redis.call('EXISTS', tag .. ':h') == 0 then
  return {0, 0, 0}
end
if not thread_visible(tag, now) then
  return {1, 0, 0}
end
local checkpoints, writes = 0, 0
for _, ns in ipairs(redis.call('SMEMBERS', tag .. ':n')) do
  local z, _, w = ns_keys(tag, ns)
  checkpoints = checkpoints + redis.call('ZCARD', z)
  writes = writes + redis.call('HLEN', w)
end
return {2, checkpoints, writes}
