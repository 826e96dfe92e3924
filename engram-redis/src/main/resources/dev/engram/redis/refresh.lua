-- Reads one item visible at "now" and, when it has a TTL, renews its expiry: expires_at becomes
-- now + ttl in the hash, the expiry index and the key's native expiry, atomically with the read.
-- KEYS: item hash, expiry index. ARGV: member, now.
-- Returns the fields {v, c, u, e, n, t} (false for absent fields), or {} when nothing is visible.
local item, expiry = KEYS[1], KEYS[2]
local member, now = ARGV[1], ARGV[2]

local f = redis.call('HMGET', item, 'v', 'c', 'u', 'e', 'n', 't')
if not f[5] or (f[4] and cmp(f[4], now) <= 0) then
  return {}
end
if f[6] then
  local expires_at = add(now, f[6])
  redis.call('HSET', item, 'e', expires_at)
  redis.call('ZADD', expiry, expires_at, member)
  expire_natively(item, expires_at)
  f[4] = expires_at
end
return f
