-- Replaces the search index of one item, leaving the item itself as it is, only while the item
-- visible at "now" has the version the caller indexed.
-- KEYS: item hash. ARGV: now, version, model, own index paths JSON or '', texts JSON, vectors.
-- Returns {1} when written, {0} when the item is gone or has another version.
local item, now = KEYS[1], ARGV[1]
local f = redis.call('HMGET', item, 'e', 'n')
if not f[2] or f[2] ~= ARGV[2] or (f[1] and cmp(f[1], now) <= 0) then
  return {0}
end
write_index(item, ARGV[3], ARGV[4], ARGV[5], ARGV[6])
return {1}
