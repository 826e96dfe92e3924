-- Last step of removing an empty namespace: only when nobody registered it again since the
-- remover looked (the registration number is unchanged).
-- KEYS: registry, registrations. ARGV: namespace, the registration number seen before.
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  return {1}
end
return {0}
