
-- Conversation layout, under the conversation's hash tag T (ARGV[1] of every conversation script):
--   T:h  hash: c created, u updated, n message count, m metadata JSON, t ttl, e expires_at
--        (epoch microseconds; t and e are absent when the conversation never expires)
--   T:l  list: the messages' JSON texts in append order (the list position is the sequence)
--   T:d  set: the message ids, so that an append skips an id already there in O(1)
local function conv_keys(tag)
  return tag .. ':h', tag .. ':l', tag .. ':d'
end

-- Whether the conversation exists and has not expired at "now" (the engine's clock, not Redis's).
local function conv_visible(h, now)
  local f = redis.call('HMGET', h, 'c', 'e')
  return f[1] and (not f[2] or cmp(f[2], now) > 0) or false
end

-- Gives all three keys the same native expiry (or none), so Redis never drops a part of it.
local function conv_expire(tag, expires_at)
  local h, l, d = conv_keys(tag)
  for _, key in ipairs({h, l, d}) do
    if expires_at then
      expire_natively(key, expires_at)
    else
      redis.call('PERSIST', key)
    end
  end
end

-- Appends the (id, JSON) pairs of ARGV from index "from" whose id is new; returns how many.
local function conv_push(l, d, from)
  local added = 0
  for i = from, #ARGV, 2 do
    if redis.call('SADD', d, ARGV[i]) == 1 then
      redis.call('RPUSH', l, ARGV[i + 1])
      added = added + 1
    end
  end
  return added
end

