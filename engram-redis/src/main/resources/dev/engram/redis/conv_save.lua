-- Replaces a conversation's messages, metadata and TTL; a visible one keeps its created_at.
-- KEYS: header. ARGV: tag, now, ttl or '', metadata JSON, then (message id, message JSON) pairs.
-- Returns {created_at, 1 when the conversation is new (absent or expired) else 0}.
local tag, now, ttl = ARGV[1], ARGV[2], ARGV[3]
local h, l, d = conv_keys(tag)
local visible = conv_visible(h, now)
local created = visible and redis.call('HGET', h, 'c') or now
redis.call('DEL', h, l, d)
local count = conv_push(l, d, 5)
redis.call('HSET', h, 'c', created, 'u', now, 'n', string.format('%d', count), 'm', ARGV[4])
local expires_at = false
if ttl ~= '' then
  expires_at = add(now, ttl)
  redis.call('HSET', h, 't', ttl, 'e', expires_at)
end
conv_expire(tag, expires_at)
return {created, visible and 0 or 1}
