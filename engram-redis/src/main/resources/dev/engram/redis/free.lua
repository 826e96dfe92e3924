-- First step of removing an empty namespace from the registry, in the namespace's own slot: when
-- it holds no item, drop the "registered" flag and move the epoch on, so that a writer that
-- registered before this point registers again instead of writing into a namespace that is
-- about to leave the registry. The meta hash then expires after a grace period.
-- KEYS: order index, namespace meta. ARGV: new epoch (unique), grace period in ms.
-- Returns {1} when the namespace was empty and no writer was pending (the caller may unregister
-- it), else {0}.
if redis.call('ZCARD', KEYS[1]) > 0 then
  return {0}
end
-- A writer was sent to register it a moment ago (put.lua): let it come back first.
local pending = redis.call('HGET', KEYS[2], 'p')
if pending and server_ms() - tonumber(pending) < PENDING_MS then
  return {0}
end
redis.call('HDEL', KEYS[2], 'r')
redis.call('HSET', KEYS[2], 'e', ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return {1}
