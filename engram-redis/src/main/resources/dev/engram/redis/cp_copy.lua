-- The target side of copyThread: adds the given checkpoints with their writes, keeping those the
-- thread already has, and gives the thread its TTL; an expired target is emptied first.
-- KEYS: target thread header. ARGV: tag, now, ttl or '', then per checkpoint: namespace, id,
-- record JSON, number of writes n, then n pairs (write field, write JSON).
-- Returns {checkpoints copied, 1 when the thread is new else 0}.
local tag, now = ARGV[1], ARGV[2]
local new = thread_open(tag, now)
local copied, i = 0, 4
while i <= #ARGV do
  local ns, id, record, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  local z, d, w, y = ns_keys(tag, ns)
  if redis.call('HEXISTS', d, id) == 0 then
    redis.call('SADD', tag .. ':n', ns)
    redis.call('ZADD', z, 0, id)
    redis.call('HSET', d, id, record)
    for j = i + 4, i + 3 + 2 * n, 2 do
      redis.call('HSET', w, ARGV[j], ARGV[j + 1])
      redis.call('ZADD', y, 0, ARGV[j])
    end
    copied = copied + 1
  end
  i = i + 4 + 2 * n
end
thread_set_ttl(tag, ARGV[3], now)
return {copied, new}
