-- wrk script for the clinic-server rows of scripts/bench (run with -t1: one Lua state).
-- BENCH_KIND picks the request; every request is a real API call with the headers the
-- clients send (bearer token, or the desk's staff cookie + X-CSRF-Token; Idempotency-Key
-- on writes). Members come from BENCH_TOKENS ("token member_id" lines, bench_seed).
--   core_eval     POST /api/core triage.evaluate          (stateless, no auth, no write)
--   triage_match  POST /api/v1/triage/match               (public, no session read, no write)
--   checkin       POST /api/v1/checkin                    (durable write; a NEW member per
--                 request from BENCH_START on: one check-in per member per local day)
--   redeem        POST /api/v1/coupons/redeem free_bp     (durable write; members round-robin)
--   visit         POST /api/v1/desk/clinics/1/visits      (durable write; desk cookie + CSRF,
--                 a new visit_ref per request, members round-robin)
-- BENCH_LIMIT=n: stop after n answers (rps = n / the time they took) instead of after -d: for
-- rows whose members run out (one check-in per member per day) before a timed window would end.
-- wrk's own duration is -d even after the thread stops: the time is taken here (date +%s%N, at the
-- first request and at the n-th answer).
-- done() prints one JSON line: requests, rps, p50/p99 (µs), non-2xx and socket errors,
-- and how many members were used (checkin: the row is invalid if it exceeds the seed).
local kind = os.getenv("BENCH_KIND") or "core_eval"
local run = os.getenv("BENCH_RUN") or "r"
local start = tonumber(os.getenv("BENCH_START") or "0")
local limit = tonumber(os.getenv("BENCH_LIMIT") or "0")
local answered = 0
t0, t1 = 0, 0  -- globals: done() reads them through the thread

local function now_ns()
  local f = io.popen("date +%s%N")
  local v = tonumber(f:read("*l"))
  f:close()
  return v
end
local tokens, members = {}, {}
local n = 0
local thread_ref

local function load_tokens()
  local path = os.getenv("BENCH_TOKENS")
  if not path then return end
  for line in io.lines(path) do
    local t, m = line:match("^(%S+)%s+(%d+)")
    if t then
      tokens[#tokens + 1] = t
      members[#members + 1] = m
    end
  end
end

function setup(thread)
  thread_ref = thread
end

function init(args)
  load_tokens()
  counter = 0
  nmembers = #tokens
end

local core_body = '{"op":"triage.evaluate","v":1,"complaint":"headache",'
  .. '"patient":{"age_years":30,"sex":"female"},"answers":{},"assume_no":true}'

function request()
  if limit > 0 and t0 == 0 then t0 = now_ns() end
  counter = counter + 1
  local i = start + counter
  if kind == "core_eval" then
    return wrk.format("POST", "/api/core", {["Content-Type"] = "application/json"}, core_body)
  end
  local slot = ((i - 1) % #tokens) + 1
  local key = run .. "-" .. kind .. "-" .. i
  if kind == "triage_match" then
    return wrk.format("POST", "/api/v1/triage/match",
      {["Content-Type"] = "application/json"},
      '{"text":"headache","patient":{"age_years":30,"sex":"female"}}')
  elseif kind == "checkin" then
    return wrk.format("POST", "/api/v1/checkin",
      {["Authorization"] = "Bearer " .. tokens[slot], ["Idempotency-Key"] = key}, "")
  elseif kind == "redeem" then
    return wrk.format("POST", "/api/v1/coupons/redeem",
      {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[slot], ["Idempotency-Key"] = key},
      '{"catalogue_id":"free_bp"}')
  elseif kind == "visit" then
    return wrk.format("POST", "/api/v1/desk/clinics/1/visits",
      {["Content-Type"] = "application/json", ["Cookie"] = os.getenv("BENCH_COOKIE"),
       ["X-CSRF-Token"] = os.getenv("BENCH_CSRF"), ["Idempotency-Key"] = key},
      '{"member_id":' .. members[slot] .. ',"visit_ref":"' .. key .. '","paid":true,"items":[{"sku":"SVC-BP"}]}')
  end
  error("unknown BENCH_KIND " .. kind)
end

if limit > 0 then
  function response(status, headers, body)
    answered = answered + 1
    if answered == limit then
      t1 = now_ns()
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local used = thread_ref and thread_ref:get("counter") or 0
  local seeded = thread_ref and thread_ref:get("nmembers") or 0
  local secs = summary.duration / 1e6
  local n = summary.requests
  if limit > 0 and thread_ref then
    local a, b = thread_ref:get("t0"), thread_ref:get("t1")
    if a > 0 and b > a then
      secs = (b - a) / 1e9
      n = limit
    end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"rps":%.1f,"p50_us":%d,"p99_us":%d,"non2xx":%d,"socket_errors":%d,"used":%d,"members":%d}\n',
    n, n / secs, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout, used, seeded))
end
