-- The search index of some items of one namespace, for a search by query: the candidates that
-- search's scan (page) found and the filter matched.
-- KEYS: the item hashes. ARGV: now, what to return ('v' vectors, 'k' texts, 'h' both), the
--       query's model, then for each key the version the caller read.
-- Returns per key {} when the item is no candidate any more (gone, expired, not indexed, or
-- without vectors of the model in mode 'v'); else {model, texts JSON or false, vectors or false},
-- followed by the item's fields {v, c, u, e, n, t} when its version changed since it was read
-- (so that the caller checks the new value against the filter).
local now, what, model = ARGV[1], ARGV[2], ARGV[3]
local out = {}
for i, item in ipairs(KEYS) do
  local f = redis.call('HMGET', item, 'm', 'e', 'n')
  local visible = f[3] and (not f[2] or cmp(f[2], now) > 0)
  if not visible or not f[1] or (what == 'v' and f[1] ~= model) then
    out[i] = {}
  else
    local texts = what ~= 'v' and redis.call('HGET', item, 'x') or false
    local vectors = what ~= 'k' and f[1] == model and redis.call('HGET', item, 'w') or false
    local entry = {f[1], texts, vectors}
    if f[3] ~= ARGV[3 + i] then
      local fields = redis.call('HMGET', item, 'v', 'c', 'u', 'e', 'n', 't')
      for j = 1, 6 do
        entry[3 + j] = fields[j]
      end
    end
    out[i] = entry
  end
end
return out
