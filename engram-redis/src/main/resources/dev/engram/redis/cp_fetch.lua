-- Reads checkpoints with their writes, atomically, for a listing or a copy.
-- KEYS: thread header. ARGV: tag, now, then (namespace, id) pairs.
-- Returns {} when the thread is not visible, else the tuples as push_tuple writes them (missing
-- checkpoints left out).
local tag, now = ARGV[1], ARGV[2]
if not thread_visible(tag, now) then
  return {}
end
local r = {}
for i = 3, #ARGV, 2 do
  push_tuple(r, tag, ARGV[i], ARGV[i + 1])
end
return r
