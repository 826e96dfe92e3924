-- Deletes a conversation with its messages: mode 'any' whatever its expiry, mode 'expired' only
-- when it expired at or before "now" (the sweep; checked here, atomically with the delete).
-- KEYS: header. ARGV: tag, now, mode. Returns {1 when it was visible, 1 when it was deleted}.
local tag, now, mode = ARGV[1], ARGV[2], ARGV[3]
local h, l, d = conv_keys(tag)
local exists = redis.call('EXISTS', h) == 1
local visible = exists and conv_visible(h, now)
if mode == 'expired' and (visible or not exists) then
  return {0, 0}
end
redis.call('DEL', h, l, d)
return {visible and 1 or 0, exists and 1 or 0}
