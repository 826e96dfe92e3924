-- Deletes a thread with everything in it. Mode 'any': whatever its expiry (deleteThread); 'visible':
-- only a visible thread (prune); 'expired': only one expired at or before "now" (the sweep).
-- KEYS: thread header. ARGV: tag, now, mode.
-- Returns {1 when it was visible, checkpoints removed, 1 when the thread was deleted}.
local tag, now, mode = ARGV[1], ARGV[2], ARGV[3]
local exists = redis.call('EXISTS', tag .. ':h') == 1
local visible = exists and thread_visible(tag, now)
if (mode == 'expired' and (visible or not exists)) or (mode == 'visible' and not visible) then
  return {visible and 1 or 0, 0, 0}
end
local removed = thread_wipe(tag)
return {visible and 1 or 0, removed, exists and 1 or 0}
