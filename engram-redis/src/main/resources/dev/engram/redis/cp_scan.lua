-- The candidates of a listing from the id indexes: (namespace, id) pairs, each namespace newest
-- first. The caller merges namespaces, filters metadata and fetches records (cp_fetch).
-- KEYS: thread header. ARGV: tag, now, refresh '1'/'0', all namespaces '1'/'0', namespace,
-- checkpoint id or '', before id or '', at most this many per namespace (0: all).
-- Returns {} when the thread is not visible, else ns, id, ns, id, ...
local tag, now = ARGV[1], ARGV[2]
if not thread_visible(tag, now) then
  return {}
end
if ARGV[3] == '1' then
  thread_refresh(tag, now)
end
local namespaces = ARGV[4] == '1' and redis.call('SMEMBERS', tag .. ':n') or {ARGV[5]}
local per = tonumber(ARGV[8])
local r = {}
for _, ns in ipairs(namespaces) do
  local z = ns_keys(tag, ns)
  local ids
  if ARGV[6] ~= '' then
    ids = redis.call('ZSCORE', z, ARGV[6]) and {ARGV[6]} or {}
  elseif per > 0 then
    ids = redis.call('ZREVRANGEBYLEX', z, ARGV[7] ~= '' and '(' .. ARGV[7] or '+', '-',
      'LIMIT', 0, per)
  else
    ids = redis.call('ZREVRANGEBYLEX', z, ARGV[7] ~= '' and '(' .. ARGV[7] or '+', '-')
  end
  for _, id in ipairs(ids) do
    r[#r + 1], r[#r + 2] = ns, id
  end
end
return r
