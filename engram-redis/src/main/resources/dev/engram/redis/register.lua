-- Adds a namespace to the registry, with a fresh registration number that a concurrent removal
-- checks before it removes anything.
-- KEYS: registry (sorted set, all scores 0), registrations (hash), sequence. ARGV: namespace.
redis.call('ZADD', KEYS[1], 0, ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], redis.call('INCR', KEYS[3]))
return {1}
