#!/usr/bin/env bash
# The web pages' benchmark (release build, loopback only, bounded time):
#  1. the case list page (/cases, 50 rows, signed in) under wrk against /healthz in the same run, on 100,000
#     cases (target: at least 25% of /healthz's requests/s, p99 under 20 ms);
#  2. the overview page (/) on the 1,000,000-case digest database (Benchmarks/digest; made first if missing),
#     the median of RUNS requests (target under 500 ms).
# Usage: Benchmarks/web/run.sh [SECONDS] [RUNS] [DIGEST_DB]   (needs wrk, sqlite3, curl)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
runs=${2:-5}
digest_db=${3:-${TMPDIR:-/tmp}/wagecase-digest-bench.sqlite}
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; [ -n "$server" ] && wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
swift build -c release --product wagecase >/dev/null
swift build -c release --product wagecase-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
password="web benchmark password"

serve() {  # database
    [ -n "$server" ] && { kill "$server"; wait "$server" 2>/dev/null || true; }
    echo "$password" | "$bin/wagecase" user add "web-bench-$RANDOM" --role prosecutor --password-stdin --db "$1" \
        >/dev/null 2>&1 || true
    "$bin/wagecase" serve --db "$1" --port "$port" --insecure-cookies --log-level warning 2>"$work/serve.log" &
    server=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
}

sign_in() {  # user → prints the session cookie
    local jar="$work/jar"
    rm -f "$jar"
    local token
    token=$(curl -s -c "$jar" "http://127.0.0.1:$port/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
    curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" --data-urlencode "name=$1" \
        --data-urlencode "password=$password" "http://127.0.0.1:$port/login"
    awk '$6 == "wagecase_session" {print $7}' "$jar"
}

measure() {  # label, wrk arguments…
    local label=$1; shift
    local out rps p99 errors
    out=$(wrk -t2 -c64 -d"${seconds}s" --latency "$@")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '%-28s %10s req/s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$p99" "${errors:-0}" >&2
    echo "$rps"
}

echo "loading 100,002 cases (33,334 clues × 3 workers) through the use-cases…"
"$bin/wagecase-bench" 33334 --keep "$work/web.sqlite" | grep -E "case opening"
serve "$work/web.sqlite"
user=$(sqlite3 "$work/web.sqlite" "SELECT name FROM api_user WHERE name LIKE 'web-bench-%' ORDER BY id DESC LIMIT 1")
cookie=$(sign_in "$user")
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
health=$(measure "GET /healthz" "http://127.0.0.1:$port/healthz")
cases=$(measure "GET /cases (page, 50 rows)" -H "Cookie: wagecase_session=$cookie" "http://127.0.0.1:$port/cases")
awk -v a="$cases" -v b="$health" 'BEGIN { printf "case list page/healthz ratio: %.1f%% (target ≥ 25%%)\n", 100 * a / b }'

if [[ ! -s "$digest_db" ]]; then Benchmarks/digest/run.sh 1 "$digest_db" >/dev/null; fi
"$bin/wagecase" init --db "$digest_db" >/dev/null
serve "$digest_db"
user=$(sqlite3 "$digest_db" "SELECT name FROM api_user WHERE name LIKE 'web-bench-%' ORDER BY id DESC LIMIT 1")
cookie=$(sign_in "$user")
times=()
for _ in $(seq "$runs"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: wagecase_session=$cookie" "http://127.0.0.1:$port/")")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" '{a[NR]=$1} END {
    printf "overview page on a million cases: median %.0f ms over %d requests (target < 500 ms)\n", a[int((n+1)/2)]*1000, n }'
