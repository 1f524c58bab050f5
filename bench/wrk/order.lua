-- wrk script: POST /api/orders with a random customer and two distinct random products per request, the same
-- distribution as bench/pgbench/order.sql and the open-model load (bench/src/loadgen/OpenLoad.java).
-- Arguments (after --): the file of customer ids (one a line) and the number of products (ids BENCH-0..N-1).
-- At the end it prints one JSON line (prefix "BENCH-RESULT ") that bin/bench reads.

local customers = {}
local products = 0

function init(args)
   for line in io.lines(args[1]) do
      if #line > 0 then customers[#customers + 1] = line end
   end
   products = tonumber(args[2])
   math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local headers = { ["Content-Type"] = "application/json" }

function request()
   local half = math.floor(products / 2)
   local first = math.random(0, half - 1)
   local second = math.random(half, products - 1)
   local body = '{"customer_id":"' .. customers[math.random(1, #customers)] .. '","items":[{"product_id":"BENCH-'
      .. first .. '","quantity":1},{"product_id":"BENCH-' .. second .. '","quantity":1}]}'
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
