
-- Checkpoint thread layout, under the thread's hash tag T (ARGV[1] of every thread script):
--   T:h     hash: x '1' (the thread exists), t ttl, e expires_at (epoch microseconds; t and e
--           are absent when the thread never expires)
--   T:n     set: the thread's checkpoint namespaces
--   T:z:NS  sorted set, all scores 0: the checkpoint ids of namespace NS, in code point order
--           (ids sort by time, so the last is the latest)
--   T:d:NS  hash: checkpoint id -> checkpoint record JSON (parent, ts, state, metadata, blobs)
--   T:w:NS  hash: 'id NUL task NUL idx' -> write JSON
--   T:y:NS  sorted set, all scores 0: the same write fields, so that the writes of one checkpoint
--           are one ZRANGEBYLEX range (ids hold no NUL)
-- The namespace ends every key it is part of, so it needs no escaping.
local function ns_keys(tag, ns)
  return tag .. ':z:' .. ns, tag .. ':d:' .. ns, tag .. ':w:' .. ns, tag .. ':y:' .. ns
end

-- Whether the thread exists and has not expired at "now" (the engine's clock, not Redis's).
local function thread_visible(tag, now)
  local f = redis.call('HMGET', tag .. ':h', 'x', 'e')
  return f[1] and (not f[2] or cmp(f[2], now) > 0) or false
end

-- The write fields of one checkpoint.
local function write_fields(y, id)
  return redis.call('ZRANGEBYLEX', y, '[' .. id .. '\0', '(' .. id .. '\1')
end

-- Runs a command on one key with many arguments, 1000 at a time (unpack of many thousands of
-- values would overflow Lua's stack); returns the concatenated table replies.
local function in_chunks(command, key, values)
  local r = {}
  for i = 1, #values, 1000 do
    local part = redis.call(command, key, unpack(values, i, math.min(i + 999, #values)))
    if type(part) == 'table' then
      for _, v in ipairs(part) do
        r[#r + 1] = v
      end
    end
  end
  return r
end

-- Deletes every key of the thread; returns how many checkpoints it held.
local function thread_wipe(tag)
  local count = 0
  for _, ns in ipairs(redis.call('SMEMBERS', tag .. ':n')) do
    local z, d, w, y = ns_keys(tag, ns)
    count = count + redis.call('ZCARD', z)
    redis.call('DEL', z, d, w, y)
  end
  redis.call('DEL', tag .. ':h', tag .. ':n')
  return count
end

-- Gives every key of the thread the same native expiry (or none), so Redis never drops a part of
-- a live thread. O(namespaces), independent of the number of checkpoints.
local function thread_expire(tag, expires_at)
  local keys = {tag .. ':h', tag .. ':n'}
  for _, ns in ipairs(redis.call('SMEMBERS', tag .. ':n')) do
    local z, d, w, y = ns_keys(tag, ns)
    keys[#keys + 1], keys[#keys + 2], keys[#keys + 3], keys[#keys + 4] = z, d, w, y
  end
  for _, key in ipairs(keys) do
    if expires_at then
      expire_natively(key, expires_at)
    else
      redis.call('PERSIST', key)
    end
  end
end

-- Sets the thread's TTL (ttl '': never expires) and restarts its expiry from now.
local function thread_set_ttl(tag, ttl, now)
  local h = tag .. ':h'
  local expires_at = false
  if ttl ~= '' then
    expires_at = add(now, ttl)
    redis.call('HSET', h, 'x', '1', 't', ttl, 'e', expires_at)
  else
    redis.call('HSET', h, 'x', '1')
    redis.call('HDEL', h, 't', 'e')
  end
  thread_expire(tag, expires_at)
end

-- A refreshing read: restarts the expiry with the thread's own TTL, if it has one.
local function thread_refresh(tag, now)
  local ttl = redis.call('HGET', tag .. ':h', 't')
  if ttl then
    thread_set_ttl(tag, ttl, now)
  end
end

-- Before a write: an expired thread is emptied (a write starts it afresh). Returns 1 when the
-- thread is new, so that the caller registers it.
local function thread_open(tag, now)
  if thread_visible(tag, now) then
    return 0
  end
  thread_wipe(tag)
  return 1
end

-- Appends one checkpoint to reply r as: ns, id, record, number of writes, write JSON...
-- Does nothing when the checkpoint is not there.
local function push_tuple(r, tag, ns, id)
  local _, d, w, y = ns_keys(tag, ns)
  local record = redis.call('HGET', d, id)
  if not record then
    return
  end
  local fields = write_fields(y, id)
  r[#r + 1], r[#r + 2], r[#r + 3], r[#r + 4] = ns, id, record, #fields
  for _, write in ipairs(in_chunks('HMGET', w, fields)) do
    r[#r + 1] = write
  end
end

-- Removes one checkpoint with its writes.
local function drop_checkpoint(tag, ns, id)
  local z, d, w, y = ns_keys(tag, ns)
  local fields = write_fields(y, id)
  in_chunks('HDEL', w, fields)
  in_chunks('ZREM', y, fields)
  redis.call('HDEL', d, id)
  redis.call('ZREM', z, id)
end

