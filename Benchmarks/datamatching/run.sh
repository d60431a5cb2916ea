#!/usr/bin/env bash
# The data-matching benchmark (release build): partner datasets of ROWS rows in all across the five kinds
# (generate.py), loaded with `wagecase dataset import`, then every built-in model run with `wagecase model run`
# as a whole process, measured beside sqlite3 reading the same rows in the same run (the floor any run pays),
# then run again (every lead found again, none added). Also the office case of OFFICE_ROWS rows.
# Peak memory (max RSS) is printed for each run. Usage: Benchmarks/datamatching/run.sh [ROWS] [OFFICE_ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-2000000}"
office="${2:-20000}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wagecase-dm-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
swift build -c release --product wagecase >/dev/null 2>&1
bin=.build/release/wagecase
kinds="arbitration-awards court-judgments complaints construction-permits payroll-transfers"

timed() {  # prints "seconds max-rss-kB" of the command
    /usr/bin/time -f "%e %M" -o "$dir/time" "$@" > "$dir/out" 2>&1 || { cat "$dir/out"; exit 1; }
    cat "$dir/time"
}

measure() {  # name, row count
    local name="$1" n="$2" db="$dir/$1.sqlite"
    python3 Benchmarks/datamatching/generate.py "$dir/$name" "$n"
    "$bin" init --db "$db" > /dev/null
    local load_total=0
    for kind in $kinds; do
        read -r s kb < <(timed "$bin" dataset import "$kind" "$dir/$name/$kind.csv" --unit 基准 --db "$db")
        load_total=$(python3 -c "print(round($load_total + $s, 2))")
    done
    read -r floor_s floor_kb < <(timed sqlite3 "$db" "SELECT COUNT(*), SUM(length(employer)), SUM(amount_fen) FROM dataset_row WHERE superseded_by IS NULL")
    read -r run_s run_kb < <(timed "$bin" model run --on 2026-11-27 --db "$db")
    local leads
    leads=$(sqlite3 "$db" "SELECT COUNT(*) FROM model_hit")
    read -r again_s again_kb < <(timed "$bin" model run --on 2026-11-27 --db "$db")
    local again_new
    again_new=$(sqlite3 "$db" "SELECT hits_new FROM model_run ORDER BY id DESC LIMIT 1")
    printf "%-7s %9d rows: load %6.1f s · sqlite3 read %5.2f s · model run %5.2f s (%d MB) · again %5.2f s (%d MB), %d leads, %d new on the re-run\n" \
        "$name" "$n" "$load_total" "$floor_s" "$run_s" $((run_kb / 1024)) "$again_s" $((again_kb / 1024)) "$leads" "$again_new"
    sqlite3 "$db" "SELECT '  ' || model_id || ': ' || COUNT(*) FROM model_hit GROUP BY model_id ORDER BY model_id"
}

measure office "$office"
measure province "$rows"
