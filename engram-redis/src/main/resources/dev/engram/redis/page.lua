-- One chunk of a namespace's order index, newest first, with the items it points to: what search
-- reads. Entries whose item is gone (Redis expired it natively) are removed from both indexes,
-- safely, because the check and the removal are one atomic step.
-- KEYS: order index, expiry index. ARGV: item key prefix, first rank, last rank, now.
-- Returns {scanned, removed, score of the last scanned entry or '',
--          {member, {v, c, u, e, n, t}, member, {...}, ...}} with only the items visible at now.
local order, expiry = KEYS[1], KEYS[2]
local prefix, now = ARGV[1], ARGV[4]

local entries = redis.call('ZRANGE', order, ARGV[2], ARGV[3], 'REV', 'WITHSCORES')
local out, removed = {}, 0
for i = 1, #entries, 2 do
  local member = entries[i]
  local f = redis.call('HMGET', prefix .. member, 'v', 'c', 'u', 'e', 'n', 't')
  if not f[5] then
    redis.call('ZREM', order, member)
    redis.call('ZREM', expiry, member)
    removed = removed + 1
  elseif not f[4] or cmp(f[4], now) > 0 then
    out[#out + 1] = member
    out[#out + 1] = f
  end
end
local last = #entries > 0 and entries[#entries] or ''
return {#entries / 2, removed, last, out}
