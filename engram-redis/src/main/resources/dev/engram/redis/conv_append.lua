-- Appends the messages whose ids are new, in order, bumping the count: O(messages appended), and
-- atomic, so concurrent appends get one total order and never lose a message.
-- KEYS: header. ARGV: tag, now, ttl for a new conversation or '', '1' to move updated_at, then
-- (message id, message JSON) pairs.
-- Returns {message count, 1 when the conversation was created (absent or expired) else 0}.
local tag, now = ARGV[1], ARGV[2]
local h, l, d = conv_keys(tag)
local created = not conv_visible(h, now)
if created then
  -- An expired conversation is gone for the engine: the append starts a new, empty one.
  redis.call('DEL', h, l, d)
  redis.call('HSET', h, 'c', now, 'u', now, 'n', '0', 'm', '{}')
  if ARGV[3] ~= '' then
    redis.call('HSET', h, 't', ARGV[3])
  end
end
local added = conv_push(l, d, 5)
local count = redis.call('HINCRBY', h, 'n', added)
if added > 0 and ARGV[4] == '1' then
  redis.call('HSET', h, 'u', now)
end
-- A retry that added nothing leaves the expiry alone (idempotent); otherwise the TTL restarts.
if added > 0 or created then
  local ttl = redis.call('HGET', h, 't')
  local expires_at = false
  if ttl then
    expires_at = add(now, ttl)
    redis.call('HSET', h, 'e', expires_at)
  end
  conv_expire(tag, expires_at)
end
return {count, created and 1 or 0}
