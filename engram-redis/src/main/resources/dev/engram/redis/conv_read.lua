-- Reads a conversation's header and the tail of its messages in one atomic step, so the count
-- and the messages agree. Visibility is judged by the caller (load may include expired ones).
-- KEYS: header. ARGV: tag, first list index to return (negative: from the end) or '' for none.
-- Returns {} when absent, else {c, u, n, m, t or '', e or '', message JSON...}.
local h, l = conv_keys(ARGV[1])
local f = redis.call('HMGET', h, 'c', 'u', 'n', 'm', 't', 'e')
if not f[1] then
  return {}
end
local r = {f[1], f[2], f[3], f[4], f[5] or '', f[6] or ''}
if ARGV[2] ~= '' then
  for _, message in ipairs(redis.call('LRANGE', l, tonumber(ARGV[2]), -1)) do
    r[#r + 1] = message
  end
end
return r
