-- Stores a checkpoint (replacing one with the same id; its writes stay) and restarts the thread's
-- TTL. An expired thread is emptied first.
-- KEYS: thread header. ARGV: tag, now, ttl or '', namespace, checkpoint id, record JSON.
-- Returns {1 when the thread is new else 0}.
local tag, now = ARGV[1], ARGV[2]
local new = thread_open(tag, now)
local z, d = ns_keys(tag, ARGV[4])
redis.call('SADD', tag .. ':n', ARGV[4])
redis.call('ZADD', z, 0, ARGV[5])
redis.call('HSET', d, ARGV[5], ARGV[6])
thread_set_ttl(tag, ARGV[3], now)
return {new}
