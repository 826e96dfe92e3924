-- Reads one checkpoint (by id, or the latest of the namespace) with its writes, atomically,
-- renewing the thread's expiry when asked.
-- KEYS: thread header. ARGV: tag, now, refresh '1'/'0', namespace, checkpoint id or ''.
-- Returns {} when nothing is visible, else one tuple as push_tuple writes it.
local tag, now, ns = ARGV[1], ARGV[2], ARGV[4]
if not thread_visible(tag, now) then
  return {}
end
if ARGV[3] == '1' then
  thread_refresh(tag, now)
end
local id = ARGV[5]
if id == '' then
  local latest = redis.call('ZREVRANGEBYLEX', (ns_keys(tag, ns)), '+', '-', 'LIMIT', 0, 1)
  if #latest == 0 then
    return {}
  end
  id = latest[1]
end
local r = {}
push_tuple(r, tag, ns, id)
return r
