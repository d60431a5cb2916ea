#!/usr/bin/env bash
# The import benchmark (release build), measured against sqlite3's own CSV import in the same run:
#  1. 1,000,000 distinct workers from a UTF-8 CSV through `wagecase import workers` (validation: names, ID
#     check digits, phones; dedup by ID number; one transaction) vs `sqlite3 .import` of the same file into a
#     plain table with no index or check, on the same disk;
#  2. 20,000 mixed clue rows (1,500 employers, 3,000 projects, crews of four, one row in twenty a worker seen again
#     from another source) through `wagecase import clues`.
# Peak memory (max RSS) is printed for each. Usage: Benchmarks/import/run.sh [WORKERS] [CLUE_ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
workers="${1:-1000000}"
clues="${2:-20000}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/wagecase-import-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
swift build -c release --product wagecase >/dev/null 2>&1
bin=.build/release/wagecase

python3 Benchmarks/import/generate.py "$dir/workers.csv" "$workers" "$dir/clues.csv" "$clues"
echo "files: workers.csv $(du -h "$dir/workers.csv" | cut -f1) ($workers rows), clues.csv $(du -h "$dir/clues.csv" | cut -f1) ($clues rows)"
cat "$dir/workers.csv" > /dev/null  # both readers start from the page cache

timed() {  # prints "seconds max-rss-kB" of the command
    /usr/bin/time -f "%e %M" -o "$dir/time" "$@" > "$dir/out" 2>&1 || { cat "$dir/out"; exit 1; }
    cat "$dir/time"
}

read -r sqlite_s sqlite_kb < <(timed sqlite3 "$dir/plain.sqlite" "CREATE TABLE t (name, id_number, phone, bank_card, hometown);" ".import --csv --skip 1 $dir/workers.csv t")
"$bin" init --db "$dir/wagecase.sqlite" > /dev/null
read -r wc_s wc_kb < <(timed "$bin" import workers "$dir/workers.csv" --db "$dir/wagecase.sqlite")
tail -n +1 "$dir/out" | head -3
sqlite_rate=$(python3 -c "print(round($workers / max($sqlite_s, 0.001)))")
wc_rate=$(python3 -c "print(round($workers / max($wc_s, 0.001)))")
printf 'sqlite3 .import (plain table):         %8s s  %9s rows/s  max RSS %s kB\n' "$sqlite_s" "$sqlite_rate" "$sqlite_kb"
printf 'wagecase import workers (full checks): %8s s  %9s rows/s  max RSS %s kB\n' "$wc_s" "$wc_rate" "$wc_kb"
python3 -c "r=$wc_rate/$sqlite_rate; print('ratio: %.1f%% of sqlite3 (target >= 50%%) %s' % (r*100, 'OK' if r >= .5 else 'BELOW TARGET'))"

read -r again_s again_kb < <(timed "$bin" import workers "$dir/workers.csv" --db "$dir/wagecase.sqlite" --lang en)
printf 're-import of the same file: %s s (%s)\n' "$again_s" "$(head -1 "$dir/out")"

"$bin" init --db "$dir/clues.sqlite" > /dev/null
read -r clue_s clue_kb < <(timed "$bin" import clues "$dir/clues.csv" --db "$dir/clues.sqlite" --lang en)
head -1 "$dir/out"
printf 'wagecase import clues: %s rows in %s s, max RSS %s kB (target < 1 s)\n' "$clues" "$clue_s" "$clue_kb"
