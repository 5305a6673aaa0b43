-- The traffic of bench/load.sh for wrk: mixed reads (anonymous) and writes (an API token).
--   30% list   GET /api/v1/entities?province=P&limit=50   (sometimes with a kind, a status)
--   25% get    GET /api/v1/entities/{id}
--   15% stats  GET /api/v1/stats/entities?group_by=…&as_of=…
--   15% search GET /api/v1/entities?q=WORD&limit=20
--   10% create POST /api/v1/entities                       (Bearer token)
--    5% update PATCH /api/v1/entities/{id}                 (Bearer token)
-- Environment: HOPTAC_TOKEN (the API token), HOPTAC_MAX_ID (ids 1..N exist), HOPTAC_WRITE_PERCENT
-- (default 15: the share of writes; reads and writes keep their proportions among themselves).
-- done() prints one line: LOAD <counts by kind> 4xx=N 5xx=N p50_ms= p90_ms= p99_ms= max_ms=
local token = os.getenv("HOPTAC_TOKEN") or ""
local max_id = tonumber(os.getenv("HOPTAC_MAX_ID") or "1000")
local write_percent = tonumber(os.getenv("HOPTAC_WRITE_PERCENT") or "15")
local provinces = {"01", "79", "48", "31", "92", "22", "40", "38", "56", "96", "04", "08", "11", "12", "15", "24"}
local kinds = {"cooperative", "group", "union", "credit_fund"}
local statuses = {"active", "suspended", "stopped", "dissolved"}
local group_bys = {"kind,status", "province", "kind,province", "sector", "status"}
local dates = {"2024-12-31", "2020-12-31", "2025-06-30", "2018-06-30"}
-- hợp tác, nông nghiệp, thủy sản, Tân Lập, chè, dịch vụ, vận tải
local words = {"h%E1%BB%A3p%20t%C3%A1c", "n%C3%B4ng%20nghi%E1%BB%87p", "th%E1%BB%A7y%20s%E1%BA%A3n",
               "T%C3%A2n%20L%E1%BA%ADp", "ch%C3%A8", "d%E1%BB%8Bch%20v%E1%BB%A5", "v%E1%BA%ADn%20t%E1%BA%A3i"}
local names = {"list", "get", "stats", "search", "create", "update"}

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

-- Globals: done() reads them from every thread (thread:get).
counter = 0
sent = {list = 0, get = 0, stats = 0, search = 0, create = 0, update = 0}
status_4xx, status_5xx = 0, 0

function init(args)
  math.randomseed(os.time() * 1000 + thread_id)
end

local function pick(list) return list[math.random(#list)] end
local json = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}

function request()
  counter = counter + 1
  if math.random() * 100 >= write_percent then
    local r = math.random(85)  -- list 30, get 25, stats 15, search 15
    if r <= 30 then
      sent.list = sent.list + 1
      local path = "/api/v1/entities?province=" .. pick(provinces) .. "&limit=50"
      if r <= 10 then path = path .. "&kind=" .. pick(kinds) end
      if r > 25 then path = path .. "&status=" .. pick(statuses) .. "&as_of=" .. pick(dates) end
      return wrk.format("GET", path)
    elseif r <= 55 then
      sent.get = sent.get + 1
      return wrk.format("GET", "/api/v1/entities/" .. math.random(max_id))
    elseif r <= 70 then
      sent.stats = sent.stats + 1
      return wrk.format("GET", "/api/v1/stats/entities?group_by=" .. pick(group_bys) .. "&as_of=" .. pick(dates))
    else
      sent.search = sent.search + 1
      return wrk.format("GET", "/api/v1/entities?q=" .. pick(words) .. "&limit=20")
    end
  elseif math.random(3) <= 2 then
    sent.create = sent.create + 1
    local code = string.format("LOAD-%d-%d-%d", thread_id, counter, math.random(1000000000))
    local body = string.format('{"kind":"cooperative","name":"Hợp tác xã Tải thử %s","registration_code":"%s",' ..
                               '"province_code":"%s","founded_on":"2024-05-01","women_managed":true}',
                               code, code, pick({"01", "79", "48"}))
    return wrk.format("POST", "/api/v1/entities", json, body)
  else
    sent.update = sent.update + 1
    local body = string.format('{"address":"Thôn %d, xã Tân Lập"}', math.random(1000))
    return wrk.format("PATCH", "/api/v1/entities/" .. math.random(max_id), json, body)
  end
end

function response(status, headers, body)
  if status >= 500 then
    status_5xx = status_5xx + 1
  elseif status >= 400 then
    status_4xx = status_4xx + 1
  end
end

function done(summary, latency, requests)
  local totals = {list = 0, get = 0, stats = 0, search = 0, create = 0, update = 0}
  local s4, s5 = 0, 0
  for _, thread in ipairs(threads) do
    local t = thread:get("sent")
    for _, name in ipairs(names) do totals[name] = totals[name] + t[name] end
    s4 = s4 + thread:get("status_4xx")
    s5 = s5 + thread:get("status_5xx")
  end
  local line = "LOAD"
  for _, name in ipairs(names) do line = line .. string.format(" %s=%d", name, totals[name]) end
  line = line .. string.format(" 4xx=%d 5xx=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f", s4, s5,
                               latency:percentile(50) / 1000, latency:percentile(90) / 1000,
                               latency:percentile(99) / 1000, latency.max / 1000)
  io.write(line .. "\n")
end
