-- PUT /store/items with a fresh key per request (a create, then replaces as keys repeat).
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format(
    '{"namespace":["load","w%d"],"key":"k%d","value":{"n":%d,"lang":"en","tags":["a","b"]}}',
    counter % 16, counter % 10000, counter)
  return wrk.format("PUT", "/store/items", {["content-type"] = "application/json"}, body)
end
