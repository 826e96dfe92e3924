-- Removes one item and its index entries in one atomic step.
-- KEYS: item hash, order index, expiry index. ARGV: member, now, if_version or ''.
-- Returns {'OK', 1 when a visible item was removed else 0} | {'CONFLICT', actual version or ''}.
local item, order, expiry = KEYS[1], KEYS[2], KEYS[3]
local member, now, want = ARGV[1], ARGV[2], ARGV[3]

local old = redis.call('HMGET', item, 'e', 'n')
local visible = old[2] and (not old[1] or cmp(old[1], now) > 0)
local actual = visible and old[2] or nil
if want ~= '' and ((want == '0' and actual) or (want ~= '0' and actual ~= want)) then
  return {'CONFLICT', actual or ''}
end
-- An expired item is removed as well; it just does not count as removed.
redis.call('DEL', item)
redis.call('ZREM', order, member)
redis.call('ZREM', expiry, member)
return {'OK', visible and 1 or 0}
