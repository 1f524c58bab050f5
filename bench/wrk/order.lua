-- wrk script: POST /api/orders with a random customer and, by default, two distinct random products per request, the
-- same distribution as bench/pgbench/order.sql and the open-model load (bench/loadgen).
-- Arguments (after --): the file of customer ids (one a line), the number of products (ids BENCH-0..N-1), optionally
-- the items per order (2, one from each half of the catalog; or 1, from the whole catalog) and a product id that every
-- order is for instead (the hot product, one item).
-- At the end it prints one JSON line (prefix "BENCH-RESULT ") that bin/bench reads.

local customers = {}
local products = 0
local items = 2
local hot = nil

function init(args)
   for line in io.lines(args[1]) do
      if #line > 0 then customers[#customers + 1] = line end
   end
   products = tonumber(args[2])
   if args[3] then items = tonumber(args[3]) end
   if args[4] and #args[4] > 0 then hot = args[4] end
   math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local headers = { ["Content-Type"] = "application/json" }

local function item(product)
   return '{"product_id":"' .. product .. '","quantity":1}'
end

function request()
   local lines
   if hot then
      lines = item(hot)
   elseif items == 1 then
      lines = item("BENCH-" .. math.random(0, products - 1))
   else
      local half = math.floor(products / 2)
      lines = item("BENCH-" .. math.random(0, half - 1)) .. "," .. item("BENCH-" .. math.random(half, products - 1))
   end
   local body = '{"customer_id":"' .. customers[math.random(1, #customers)] .. '","items":[' .. lines .. ']}'
   return wrk.format("POST", "/api/orders", headers, body)
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format('BENCH-RESULT {"requests": %d, "duration_us": %d, "non_2xx_3xx": %d, '
      .. '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, '
      .. '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "mean_ms": %.3f}\n',
      summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, latency.mean / 1000))
end
