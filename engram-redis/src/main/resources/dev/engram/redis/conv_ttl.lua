-- Sets a visible conversation's TTL and restarts its expiry from now (ttl '': never expires), in
-- the header and in the native expiry together. updated_at is not touched.
-- KEYS: header. ARGV: tag, now, ttl or ''. Returns {1}, or {0} when no conversation is visible.
local tag, now, ttl = ARGV[1], ARGV[2], ARGV[3]
local h = conv_keys(tag)
if not conv_visible(h, now) then
  return {0}
end
local expires_at = false
if ttl ~= '' then
  expires_at = add(now, ttl)
  redis.call('HSET', h, 't', ttl, 'e', expires_at)
else
  redis.call('HDEL', h, 't', 'e')
end
conv_expire(tag, expires_at)
return {1}
