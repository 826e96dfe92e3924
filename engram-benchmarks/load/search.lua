-- POST /store/items/search: a filtered page under one namespace of the seeded data.
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.body = '{"namespace_prefix":["bench","t3"],"filter":{"lang":"en","n":{"$gte":50}},"limit":10}'
