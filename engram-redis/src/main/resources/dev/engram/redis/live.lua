-- Whether a namespace holds an item visible at "now", decided from its indexes.
-- KEYS: order index, expiry index. ARGV: item key prefix, now.
-- Returns {1} visible item, {0} only expired items, {2} no item at all, {-1} undecided yet
-- (too many stale entries cleaned in this call: call again).
local order, expiry = KEYS[1], KEYS[2]
local prefix, now = ARGV[1], ARGV[2]

local total = redis.call('ZCARD', order)
if total == 0 then
  return {2}
end
-- Every order entry without an expiry entry is an item that never expires, and such items do
-- not vanish without their index entries (only native expiry leaves stale entries behind).
if total > redis.call('ZCARD', expiry) then
  return {1}
end
local skip, budget = 0, 512
while budget > 0 do
  local members = redis.call('ZRANGEBYSCORE', expiry, now, '+inf', 'LIMIT', skip, 64)
  if #members == 0 then
    return {redis.call('ZCARD', order) == 0 and 2 or 0}
  end
  for _, member in ipairs(members) do
    local f = redis.call('HMGET', prefix .. member, 'e', 'n')
    if not f[2] then
      -- Expired natively: the item is gone, its entries are stale.
      redis.call('ZREM', order, member)
      redis.call('ZREM', expiry, member)
    elseif not f[1] then
      redis.call('ZREM', expiry, member)
      return {1}
    elseif cmp(f[1], now) > 0 then
      return {1}
    else
      skip = skip + 1
    end
    budget = budget - 1
  end
end
return {-1}
