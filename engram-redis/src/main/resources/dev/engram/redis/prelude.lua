-- Shared helpers, prepended to every Engram script before it is loaded.
--
-- Timestamps travel as decimal strings of epoch microseconds. They are compared and added as
-- strings because Lua numbers are doubles: past 2^53 microseconds (the year 2255) arithmetic on
-- them would round, and the store promises microsecond-exact times.

-- Compares two decimal integer strings: -1, 0 or 1.
local function cmp(a, b)
  local na, nb = string.sub(a, 1, 1) == '-', string.sub(b, 1, 1) == '-'
  if na ~= nb then
    return na and -1 or 1
  end
  local sign = 1
  if na then
    a, b, sign = string.sub(a, 2), string.sub(b, 2), -1
  end
  if #a ~= #b then
    return (#a < #b and -1 or 1) * sign
  end
  -- Equal lengths: compare 15 digits at a time, each chunk exact as a double.
  for i = 1, #a, 15 do
    local x, y = tonumber(string.sub(a, i, i + 14)), tonumber(string.sub(b, i, i + 14))
    if x ~= y then
      return (x < y and -1 or 1) * sign
    end
  end
  return 0
end

-- Adds two decimal integer strings, the second one not negative.
local function add(a, b)
  if string.sub(a, 1, 1) == '-' or (#a < 16 and #b < 16) then
    return string.format('%.0f', tonumber(a) + tonumber(b))
  end
  -- Split off the last six digits so that each part stays far below 2^53.
  local ha, la = tonumber(string.sub(a, 1, -7)) or 0, tonumber(string.sub(a, -6))
  local hb, lb = tonumber(string.sub(b, 1, -7)) or 0, tonumber(string.sub(b, -6))
  local low = la + lb
  local high = ha + hb + math.floor(low / 1000000)
  low = low % 1000000
  if high == 0 then
    return string.format('%.0f', low)
  end
  return string.format('%.0f', high) .. string.format('%06d', low)
end

-- The server's clock in milliseconds (scripts replicate their effects, so reading it is allowed).
local function server_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- How long a writer that was sent to register a namespace (put.lua) keeps a removal of that empty
-- namespace (free.lua) away, so that it can register and come back: without it, a namespace that
-- is empty whenever the remover looks could send a writer round and round. A writer that takes
-- longer registers again; one that never comes back delays the removal by this much.
local PENDING_MS = 10000

-- Native expiry is a cleanup mechanism only: whether an item is visible is always decided against
-- the caller's "now" and the stored expires_at. Redis drops the key at expires_at (rounded up to
-- the millisecond) when that is still ahead of its own clock; otherwise the key stays until the
-- sweep removes it, since PEXPIREAT in the past would delete it at once.
local function expire_natively(key, expires_at)
  if string.sub(expires_at, 1, 1) ~= '-' and #expires_at > 3 then
    local ms = tonumber(string.sub(expires_at, 1, -4))
    if string.sub(expires_at, -3) ~= '000' then
      ms = ms + 1
    end
    if ms > server_ms() then
      redis.call('PEXPIREAT', key, string.format('%.0f', ms))
      return
    end
  end
  redis.call('PERSIST', key)
end


-- Replaces an item's search index (fields m, f, x, w of its hash; see IndexFields).
local function write_index(item, model, paths, texts, vectors)
  redis.call('HSET', item, 'm', model, 'x', texts, 'w', vectors)
  if paths ~= '' then
    redis.call('HSET', item, 'f', paths)
  else
    redis.call('HDEL', item, 'f')
  end
end
