-- wrk script: exactly COUNT JSON POSTs, then a file of what each one answered (bench/load.py reads it).
--
--   WRK_PATH=/api/v1/... WRK_TOKEN=... WRK_BODY='{"title":"Benchmark allocation {n}"}' WRK_COUNT=5000 \
--   WRK_OUT=/tmp/answers wrk -t2 -c50 -d600s --timeout 120s -s bench/allocate.lua http://127.0.0.1:PORT
--
-- Each thread sends its share of WRK_COUNT (the first threads one more when it does not divide): delay()
-- is asked before every request, so it is where a request is counted; once the share is counted, a
-- connection is parked (an hour's delay) and sends nothing more. The thread stops once its share has
-- answered (wrk.thread:stop()) and marks it with the file WRK_OUT.done<thread>; the last thread to finish
-- interrupts wrk (SIGINT ends its sleep of -d; load.py sends it again while wrk runs on with every
-- marker there, since the kernel may hand it to a worker thread), whose done() then writes WRK_OUT:
--   line 1: duration_us requests p50_us p99_us errors_connect errors_read errors_write errors_timeout
--   then one line per answer: status Location (or "-" without one).
-- {n} in WRK_BODY and WRK_PATH becomes the request's number (WRK_FIRST (1) .. WRK_FIRST + WRK_COUNT - 1),
-- so the bodies differ; with WRK_WORDS (a file, one word a line), {w} becomes line n of it (a document
-- number: bench/load.py populate uploads and publishes NUMBER by NUMBER this way). WRK_PATH, WRK_COUNT,
-- WRK_OUT and WRK_THREADS (wrk's -t, at most WRK_COUNT: a thread without a share would never stop) are
-- required; WRK_TOKEN adds "Authorization: Bearer", WRK_CONTENT_TYPE replaces application/json, and
-- WRK_EXPECT is text every answer's body must hold: an answer without it is written with its status negated.

local path = assert(os.getenv("WRK_PATH"), "WRK_PATH is required")
local count = assert(tonumber(os.getenv("WRK_COUNT") or ""), "WRK_COUNT is required (a number)")
local out = assert(os.getenv("WRK_OUT"), "WRK_OUT is required")
local body = os.getenv("WRK_BODY") or "{}"
local token = os.getenv("WRK_TOKEN")
local offset = tonumber(os.getenv("WRK_FIRST") or "1") - 1
local nthreads = assert(tonumber(os.getenv("WRK_THREADS") or ""), "WRK_THREADS is required (wrk's -t)")
local content_type = os.getenv("WRK_CONTENT_TYPE") or "application/json"
local expect = os.getenv("WRK_EXPECT")
local words_file = os.getenv("WRK_WORDS")

local threads = {}

-- main state: numbers the threads (1..), keeps them for done()
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local base, extra = math.floor(count / nthreads), count % nthreads
  share = base + ((id <= extra) and 1 or 0)
  first = offset + (id - 1) * base + math.min(id - 1, extra)
  counted, sent, answered, finished = 0, 0, 0, false
  statuses, locations = {}, {}
  headers = { ["Content-Type"] = content_type, ["Accept"] = "application/json" }
  if words_file then
    words = {}
    for line in io.lines(words_file) do table.insert(words, line) end
  end
  if token then headers["Authorization"] = "Bearer " .. token end
end

function delay()
  if counted < share then
    counted = counted + 1
    return 0
  end
  return 3600000
end

-- text with {n} (and {w}) of request n
local function filled(text, n)
  text = text:gsub("{n}", tostring(n))
  -- (n is 0 once, when wrk checks the script at its start; a request without its word fails its check)
  if words then text = text:gsub("{w}", function() return words[n] or "" end) end
  return text
end

-- Request n's text is taken when it is sent, not when its delay() counted it: a thread's connections are
-- all counted before the first of them sends. wrk asks for one request when it checks the script at its
-- start, before any delay(): that one is never sent, and takes no n.
function request()
  if counted == 0 then return wrk.format("POST", filled(path, 0), headers, filled(body, 0)) end
  sent = sent + 1
  local n = first + sent
  return wrk.format("POST", filled(path, n), headers, filled(body, n))
end

function response(status, hdrs, text)
  answered = answered + 1
  if expect and not (text and text:find(expect, 1, true)) then status = -status end
  statuses[answered] = status
  locations[answered] = hdrs["Location"] or hdrs["location"] or "-"
  if answered >= share then finish() end
end

function finish()
  if finished then return end
  finished = true
  wrk.thread:stop()
  local f = io.open(out .. ".done" .. id, "w")
  f:close()
  for i = 1, nthreads do
    local d = io.open(out .. ".done" .. i, "r")
    if not d then return end
    d:close()
  end
  -- io.popen, not os.execute: system() ignores SIGINT in wrk while it waits for the shell
  io.popen("kill -INT $PPID"):close()
end

function done(summary, latency, requests)
  local f = assert(io.open(out, "w"))
  local e = summary.errors
  f:write(string.format("%d %d %d %d %d %d %d %d\n", summary.duration, summary.requests,
    latency:percentile(50), latency:percentile(99), e.connect, e.read, e.write, e.timeout))
  for _, thread in ipairs(threads) do
    local s, l = thread:get("statuses"), thread:get("locations")
    for i = 1, #s do
      f:write(s[i], " ", l[i], "\n")
    end
  end
  f:close()
end
