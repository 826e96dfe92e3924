-- Deletes up to "limit" items of one namespace that expired at or before "now", with their index
-- entries, in one short atomic step. Stale entries (items Redis already expired) are cleaned on
-- the way and not counted.
-- KEYS: order index, expiry index. ARGV: item key prefix, now, limit.
-- Returns {deleted, 1 when the namespace holds no item any more else 0, 1 when more may be left}.
local order, expiry = KEYS[1], KEYS[2]
local prefix, now, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])

local deleted, skip, budget = 0, 0, limit + 1000
while deleted < limit and budget > 0 do
  -- Scores are doubles: this range may hold a few entries just past "now" (checked below).
  local members = redis.call('ZRANGEBYSCORE', expiry, '-inf', now, 'LIMIT', skip, 128)
  if #members == 0 then
    break
  end
  for _, member in ipairs(members) do
    local key = prefix .. member
    local f = redis.call('HMGET', key, 'e', 'n')
    if not f[2] then
      redis.call('ZREM', order, member)
      redis.call('ZREM', expiry, member)
    elseif not f[1] then
      redis.call('ZREM', expiry, member)
    elseif cmp(f[1], now) <= 0 then
      redis.call('DEL', key)
      redis.call('ZREM', order, member)
      redis.call('ZREM', expiry, member)
      deleted = deleted + 1
    else
      skip = skip + 1
    end
    budget = budget - 1
    if deleted >= limit or budget <= 0 then
      break
    end
  end
end
local empty = redis.call('ZCARD', order) == 0 and 1 or 0
return {deleted, empty, budget <= 0 and 1 or 0}
