-- Items of one namespace in key order, for reindexing: the visible items after a key, with how
-- they are indexed. Key order comes from a snapshot of the namespace's keys: a sorted set with all
-- scores 0, read with ZRANGEBYLEX (bytewise, which for UTF-8 is code point order). A scan that
-- enters the namespace (no "after" key) builds it from the order index in one server-side step;
-- later pages read it in O(log N) each; it is dropped when the scan reaches its end, and expires
-- if the scan is abandoned.
-- KEYS: order index, key snapshot. ARGV: item key prefix, now, after key or '', how many items
--       at most, the snapshot's lifetime in ms.
-- Returns {1 when the namespace is done else 0, last key looked at,
--          {member, {v, c, u, e, n, t, m, f}, member, ...}} with only the items visible at now.
local order, snapshot = KEYS[1], KEYS[2]
local prefix, now, after, want = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])

if after == '' or redis.call('EXISTS', snapshot) == 0 then
  redis.call('ZUNIONSTORE', snapshot, 1, order, 'WEIGHTS', 0)
end
redis.call('PEXPIRE', snapshot, ARGV[5])
-- Items expired but not yet removed are skipped; the budget bounds the work of one call.
local out, found, last, budget = {}, 0, after, want + 1000
while found < want and budget > 0 do
  local from = last == '' and '-' or '(' .. last
  local members = redis.call('ZRANGEBYLEX', snapshot, from, '+', 'LIMIT', 0, 256)
  if #members == 0 then
    redis.call('DEL', snapshot)
    return {1, last, out}
  end
  for _, member in ipairs(members) do
    last = member
    budget = budget - 1
    local f = redis.call('HMGET', prefix .. member, 'v', 'c', 'u', 'e', 'n', 't', 'm', 'f')
    if f[5] and (not f[4] or cmp(f[4], now) > 0) then
      out[#out + 1] = member
      out[#out + 1] = f
      found = found + 1
    end
    if found == want or budget <= 0 then
      break
    end
  end
end
return {0, last, out}
