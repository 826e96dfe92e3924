-- Creates or replaces one item and its index entries in one atomic step (rules: PutCommand).
-- KEYS: item hash, order index, expiry index, namespace meta (all in the namespace's slot).
-- ARGV: member (the item's key), value JSON, now, expires_at or '', ttl or '', if_version or '',
--       the registration epoch the caller saw ('-' when it has not looked yet); then, only when
--       the put carries its search index: model, own index paths JSON or '', texts JSON, vectors.
-- Returns {'OK', created_at, version} | {'CONFLICT', actual version or ''} | {'REG', epoch}.
local item, order, expiry, meta = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local member, now = ARGV[1], ARGV[3]

local old = redis.call('HMGET', item, 'c', 'e', 'n')
-- An item that expired at "now" counts as absent, swept or not.
local visible = old[3] and (not old[2] or cmp(old[2], now) > 0)
local actual = visible and old[3] or nil
local want = ARGV[6]
if want ~= '' and ((want == '0' and actual) or (want ~= '0' and actual ~= want)) then
  return {'CONFLICT', actual or ''}
end

-- The meta flag 'r' guarantees the namespace is in the global registry. Without it the caller
-- must register first (another slot, so not in this script) and come back with the epoch it saw:
-- if a removal of the empty namespace ran in between, the epoch moved on and the caller registers
-- again. So a written item is never left in a namespace the registry does not list. An existing
-- item hash already proves the flag is set (it is only cleared while the namespace is empty), so
-- replacing an item skips the check.
if not old[3] and redis.call('HGET', meta, 'r') ~= '1' then
  local epoch = redis.call('HGET', meta, 'e') or ''
  if ARGV[7] ~= epoch then
    -- Marks the writer as pending (see PENDING_MS). A meta hash made just for the mark goes with
    -- it; a removed namespace's keeps its own expiry.
    redis.call('HSET', meta, 'p', server_ms())
    if redis.call('PTTL', meta) < 0 then
      redis.call('PEXPIRE', meta, PENDING_MS)
    end
    return {'REG', epoch}
  end
  redis.call('HSET', meta, 'r', '1')
  redis.call('HDEL', meta, 'p')
  redis.call('PERSIST', meta)
end

-- A hash that expired by "now" but is still there is a dead item: it goes entirely, so that no
-- field of it (its search index above all) survives into the new item.
if old[3] and not visible then
  redis.call('DEL', item)
  old = {false, false, false}
end

local created = visible and old[1] or now
local version = visible and string.format('%.0f', tonumber(old[3]) + 1) or '1'
-- Every field is overwritten; only a TTL the new item does not have must go.
if ARGV[4] ~= '' then
  redis.call('HSET', item, 'v', ARGV[2], 'c', created, 'u', now, 'n', version,
    'e', ARGV[4], 't', ARGV[5])
  redis.call('ZADD', expiry, ARGV[4], member)
  expire_natively(item, ARGV[4])
else
  redis.call('HSET', item, 'v', ARGV[2], 'c', created, 'u', now, 'n', version)
  if old[2] then
    redis.call('HDEL', item, 'e', 't')
    redis.call('PERSIST', item)
  end
  -- Without an old hash there may still be a stale entry left by native expiry.
  if old[2] or not old[3] then
    redis.call('ZREM', expiry, member)
  end
end
if #ARGV > 7 then
  write_index(item, ARGV[8], ARGV[9], ARGV[10], ARGV[11])
end
redis.call('ZADD', order, now, member)
return {'OK', created, version}
