#!/usr/bin/env bash
# The digest benchmark (release build): generates 1,000,000 cases, 5,000,000 events, 500,000 recoveries and
# 100,000 guarantees once (generate.sql through the sqlite3 shell, on a database `wagecase init` made), then
# times `wagecase digest --week` in every format, and the monthly summary, each the median of RUNS whole
# command runs (process start, open, read, render, write). Usage: Benchmarks/digest/run.sh [RUNS] [DB]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
db="${2:-${TMPDIR:-/tmp}/wagecase-digest-bench.sqlite}"
swift build -c release --product wagecase >/dev/null
bin=.build/release/wagecase

if [[ ! -s "$db" ]]; then
    rm -f "$db" "$db-wal" "$db-shm"
    start=$(date +%s%N)
    "$bin" init --db "$db" >/dev/null
    sqlite3 "$db" < Benchmarks/digest/generate.sql
    "$bin" stats --db "$db" --json >/dev/null  # reopens in WAL, as the product runs
    echo "generated $db in $(( ($(date +%s%N) - start) / 1000000 )) ms"
fi
sqlite3 "$db" "SELECT printf('cases %d, events %d, recoveries %d, guarantees %d, guarantee events %d',
    (SELECT COUNT(*) FROM wage_case), (SELECT COUNT(*) FROM case_event), (SELECT COUNT(*) FROM recovery),
    (SELECT COUNT(*) FROM guarantee), (SELECT COUNT(*) FROM guarantee_event))"

median_ms() {  # runs the command $runs times, prints the median wall time in ms
    local times=()
    for _ in $(seq "$runs"); do
        local t0; t0=$(date +%s%N)
        "$@" >/dev/null
        times+=($(( ($(date +%s%N) - t0) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " ms (min " a[1] ", max " a[NR] ")"}'
}

worst=0
for format in text markdown html csv json; do
    result=$(median_ms "$bin" digest --db "$db" --week --on 2026-11-23 --format "$format")
    printf 'digest --week --format %-8s %s\n' "$format" "$result"
    ms=${result%% *}; (( ms > worst )) && worst=$ms
done
printf 'digest --month 2026-10 --format html  %s\n' "$(median_ms "$bin" digest --db "$db" --month 2026-10 --on 2026-11-20 --format html)"
printf 'stats (all time)                      %s\n' "$(median_ms "$bin" stats --db "$db" --json)"
echo "slowest weekly format: ${worst} ms (target < 2000 ms)"
