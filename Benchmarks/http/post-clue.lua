-- wrk script: POST a new clue per request, each naming a different existing worker, so every request is a
-- real, validated, audited write (no duplicate refusals). Needs WAGECASE_IDS (one ID number a line),
-- WAGECASE_TOKEN, WAGECASE_EMPLOYER and WAGECASE_THREADS (the -t given to wrk) in the environment.
local threads = {}

function setup(thread)
    thread:set("tid", #threads)
    table.insert(threads, thread)
end

function init(args)
    ids = {}
    for line in io.lines(os.getenv("WAGECASE_IDS")) do ids[#ids + 1] = line end
    counter = 0
    stride = tonumber(os.getenv("WAGECASE_THREADS") or "2")  -- wrk -t: each thread takes every stride-th worker
    headers = {
        ["Authorization"] = "Bearer " .. os.getenv("WAGECASE_TOKEN"),
        ["Content-Type"] = "application/json",
    }
    employer = os.getenv("WAGECASE_EMPLOYER")
end

function request()
    local index = (counter * stride + tid) % #ids + 1
    counter = counter + 1
    local body = string.format(
        '{"source":"hotline-12345","received":"2025-06-01","employer":%s,' ..
        '"workers":[{"id_number":"%s","claimed_fen":380000}],"summary":"benchmark"}', employer, ids[index])
    return wrk.format("POST", "/api/v1/clues", headers, body)
end
