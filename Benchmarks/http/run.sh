#!/usr/bin/env bash
# HTTP benchmark (release build, loopback only, bounded time): 100,000 cases loaded, 64 connections.
#   GET /api/v1/cases?limit=50 against /healthz in the same run (target ≥ 25% of its requests/s, p99 < 15 ms),
#   POST /api/v1/clues with every write validated and audited, the service's writes grouped into one transaction
#   per batch (target ≥ 10,000/s with p99 < 20 ms), and the same intake through the store without HTTP
#   (wagecase-bench coalesced: 64 callers, no network).
# Usage: Benchmarks/http/run.sh [SECONDS]  (8 by default)   (needs wrk and sqlite3: apt-get install wrk sqlite3)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-8}  # 100,002 workers: at 12,000 writes/s a longer run names some twice (refused as duplicates)
port=18090
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

swift build -c release --product wagecase >/dev/null
swift build -c release --product wagecase-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
db="$work/http.sqlite"

echo "loading 100,002 cases (33,334 clues × 3 workers) through the use-cases…"
"$bin/wagecase-bench" 33334 --keep "$db" | grep -E "clue intake|case opening"
export WAGECASE_DB="$db"
"$bin/wagecase" employer add --name 基准测试建筑公司 --credit-code 91440101MA5CJQ4N59 >/dev/null
employer=$(sqlite3 "$db" "SELECT id FROM employer WHERE credit_code = '91440101MA5CJQ4N59'")
sqlite3 "$db" "SELECT id_number FROM worker ORDER BY id" > "$work/ids.txt"
token=$("$bin/wagecase" user add http-bench --role prosecutor 2>/dev/null | tail -1)

"$bin/wagecase" serve --port "$port" --log-level warning 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

measure() {  # label, wrk arguments…
    local label=$1; shift
    local out
    out=$(wrk -t2 -c64 -d"${seconds}s" --latency "$@")
    local rps p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '%-28s %10s req/s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$p99" "${errors:-0}" >&2
    echo "$rps"
}

health=$(measure "GET /healthz" "http://127.0.0.1:$port/healthz")
cases=$(measure "GET /api/v1/cases?limit=50" -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/v1/cases?limit=50")
awk -v a="$cases" -v b="$health" 'BEGIN { printf "cases/healthz ratio: %.1f%% (target ≥ 25%%)\n", 100 * a / b }'
before=$(sqlite3 "$db" "SELECT COUNT(*) FROM clue")
posts=$(WAGECASE_IDS="$work/ids.txt" WAGECASE_TOKEN="$token" WAGECASE_EMPLOYER="$employer" WAGECASE_THREADS=2 \
    measure "POST /api/v1/clues" -s Benchmarks/http/post-clue.lua "http://127.0.0.1:$port")
after=$(sqlite3 "$db" "SELECT COUNT(*) FROM clue")
audited=$(sqlite3 "$db" "SELECT COUNT(*) FROM audit_log WHERE table_name = 'clue' AND actor = 'http-bench'")
echo "POST /api/v1/clues: $posts req/s; $((after - before)) clues written, $audited audited (target ≥ 10,000/s, p99 < 20 ms)"
[[ $(wc -l < "$work/ids.txt") -gt $((after - before)) ]] \
    || echo "every worker was named: later requests were duplicates (refused); run fewer seconds" >&2
kill "$server"; wait "$server" 2>/dev/null || true
"$bin/wagecase-bench" coalesced "$db" 30000
