-- Keeps only the latest checkpoint of each namespace of a visible thread, with its writes.
-- KEYS: thread header. ARGV: tag, now. Returns {checkpoints removed}.
local tag, now = ARGV[1], ARGV[2]
if not thread_visible(tag, now) then
  return {0}
end
local removed = 0
for _, ns in ipairs(redis.call('SMEMBERS', tag .. ':n')) do
  local z = ns_keys(tag, ns)
  for _, id in ipairs(redis.call('ZREVRANGEBYLEX', z, '+', '-', 'LIMIT', 1, -1)) do
    drop_checkpoint(tag, ns, id)
    removed = removed + 1
  end
end
return {removed}
