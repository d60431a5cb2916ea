#!/usr/bin/env bash
# The web pages' benchmark (release build, loopback only, bounded time):
#  1. the case list page (/cases, 50 rows, signed in) under wrk against /healthz in the same run, on 100,000
#     cases (target: at least 25% of /healthz's requests/s, p99 under 20 ms). wrk's own defaults (2 threads,
#     10 connections; CONNECTIONS to change): at 64 connections a 2-core machine queues and p99 measures the
#     queue. The two alternate for ROUNDS rounds (default 3) and the medians count: a shared machine's speed
#     drifts by a fifth within a minute, which one pair of runs would read as a change of the page;
#  2. the overview page (/) on the 1,000,000-case digest database (Benchmarks/digest; made first if missing),
#     target under 100 ms: RUNS times, a change to a guarantee (what the monitor reads, so the kept findings of
#     its project are found again) and then two loads — the first after the change, and the next one;
#  3. the same overview's digest in process (wagecase-bench overview): the first after start, a load, the first
#     after a project changed, and the first of a new day (found from the snapshot in memory).
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

connections=${CONNECTIONS:-10}
rounds=${ROUNDS:-3}

measure() {  # label, wrk arguments… → prints "requests/s p99-in-ms"
    local label=$1; shift
    local out rps p99 errors
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else v = v * 1000; print v }' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '  %-28s %10s req/s   p99 %7.2f ms   non-2xx %s\n' "$label" "$rps" "$p99" "${errors:-0}" >&2
    echo "$rps $p99"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "loading 100,002 cases (33,334 clues × 3 workers) through the use-cases…"
"$bin/wagecase-bench" 33334 --keep "$work/web.sqlite" | grep -E "case opening"
serve "$work/web.sqlite"
user=$(sqlite3 "$work/web.sqlite" "SELECT name FROM api_user WHERE name LIKE 'web-bench-%' ORDER BY id DESC LIMIT 1")
cookie=$(sign_in "$user")
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
echo "wrk -t2 -c$connections, ${seconds} s each, $rounds rounds alternating:"
ratios=(); p99s=(); healths=(); pages=()
for _ in $(seq "$rounds"); do
    read -r health _ < <(measure "GET /healthz" "http://127.0.0.1:$port/healthz")
    read -r page p99 < <(measure "GET /cases (page, 50 rows)" -H "Cookie: wagecase_session=$cookie" "http://127.0.0.1:$port/cases")
    healths+=("$health"); pages+=("$page"); p99s+=("$p99")
    ratios+=("$(awk -v a="$page" -v b="$health" 'BEGIN { printf "%.1f", 100 * a / b }')")
done
printf 'medians: /healthz %s req/s, /cases %s req/s, ratio %s%% (target ≥ 25%%), /cases p99 %s ms (target < 20 ms)\n' \
    "$(printf '%s\n' "${healths[@]}" | median)" "$(printf '%s\n' "${pages[@]}" | median)" \
    "$(printf '%s\n' "${ratios[@]}" | median)" "$(printf '%s\n' "${p99s[@]}" | median)"

if [[ ! -s "$digest_db" ]]; then Benchmarks/digest/run.sh 1 "$digest_db" >/dev/null; fi
"$bin/wagecase" init --db "$digest_db" >/dev/null
serve "$digest_db"
user=$(sqlite3 "$digest_db" "SELECT name FROM api_user WHERE name LIKE 'web-bench-%' ORDER BY id DESC LIMIT 1")
cookie=$(sign_in "$user")
changed=(); next=()
load() { curl -s -o /dev/null -w '%{time_total}' -H "Cookie: wagecase_session=$cookie" "http://127.0.0.1:$port/"; }
load >/dev/null
for _ in $(seq "$runs"); do
    # A write the guarantee monitor reads (its trigger moves monitor_input.version as any edit of a guarantee would).
    sqlite3 "$digest_db" "UPDATE guarantee SET issuer = issuer WHERE id = (SELECT MIN(id) FROM guarantee)"
    changed+=("$(load)")
    next+=("$(load)")
done
median_ms() { sort -n | awk '{a[NR]=$1} END {printf "%.0f ms (min %.0f, max %.0f)", a[int((NR+1)/2)]*1000, a[1]*1000, a[NR]*1000}'; }
echo "overview page on a million cases, median of $runs (target < 100 ms):"
echo "  first load after a guarantee changed: $(printf '%s\n' "${changed[@]}" | median_ms)"
echo "  the next load:                        $(printf '%s\n' "${next[@]}" | median_ms)"
[ -n "$server" ] && { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
"$bin/wagecase-bench" overview "$digest_db"
