#!/usr/bin/env bash
# The copy benchmark (release build): the million-case database of Benchmarks/digest (generated once if missing)
# copied into PostgreSQL with `wagecase copy` — snapshot reads, COPY … FROM STDIN in one transaction, every table
# read back and checksummed before the commit — against psql's own `\copy` of the same rows (exported beforehand
# as CSV by sqlite3, not timed) into the same schema in one transaction, with the triggers off as the copy has
# them. Both on a throwaway cluster (scripts/postgres.sh), loopback. Usage: Benchmarks/copy/run.sh [DB]
set -euo pipefail
cd "$(dirname "$0")/../.."
db="${1:-${TMPDIR:-/tmp}/wagecase-digest-bench.sqlite}"
swift build -c release --product wagecase >/dev/null
bin=.build/release/wagecase
if [[ ! -s "$db" ]]; then Benchmarks/digest/run.sh 1 "$db" >/dev/null; fi
"$bin" init --db "$db" >/dev/null
server=$(scripts/postgres.sh start)
base=${server%/*}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql -q "$server" -c "DROP DATABASE IF EXISTS bench_copy" -c "DROP DATABASE IF EXISTS bench_psql" \
    -c "CREATE DATABASE bench_copy" -c "CREATE DATABASE bench_psql"
"$bin" init --db "$base/bench_psql" >/dev/null

rows=$(sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM wage_case) || ' cases, ' || (SELECT COUNT(*) FROM case_event) || ' events, '
    || (SELECT COUNT(*) FROM recovery) || ' recoveries, ' || (SELECT COUNT(*) FROM worker) || ' workers'")
echo "source: $db ($rows)"

# The baseline's input: each table as CSV, columns in the schema's order (not timed).
tables=$(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'grdb_migrations' AND name NOT LIKE 'sqlite\_%' ESCAPE '\\'")
script="$work/load.sql"
{
    echo "BEGIN;"
    echo "SET CONSTRAINTS ALL DEFERRED;"
    for t in setting guarantee_rule monitor_input monitor_everything_change; do echo "DELETE FROM $t;"; done
} > "$script"
total_rows=0
for t in $tables; do
    n=$(sqlite3 "$db" "SELECT COUNT(*) FROM \"$t\"")
    [[ "$n" == 0 ]] && continue
    total_rows=$((total_rows + n))
    sqlite3 -csv "$db" "SELECT * FROM \"$t\"" > "$work/$t.csv"
    echo "ALTER TABLE $t DISABLE TRIGGER USER;" >> "$script"
    echo "\\copy $t FROM '$work/$t.csv' WITH (FORMAT csv)" >> "$script"
done
echo "SET CONSTRAINTS ALL IMMEDIATE;" >> "$script"
for t in $tables; do echo "ALTER TABLE $t ENABLE TRIGGER USER;" >> "$script"; done
echo "COMMIT;" >> "$script"

t0=$(date +%s%N)
psql -q -v ON_ERROR_STOP=1 "$base/bench_psql" -f "$script" >/dev/null
psql_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

t0=$(date +%s%N)
"$bin" copy --db "$db" --to "$base/bench_copy" --json > "$work/report.json"
copy_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

echo "rows: $total_rows in $(python3 -c "import json;print(len(json.load(open('$work/report.json'))['tables']))") tables"
echo "psql \\copy (CSV prepared, load only):          ${psql_ms} ms ($(( total_rows * 1000 / (psql_ms > 0 ? psql_ms : 1) )) rows/s)"
echo "wagecase copy (read, COPY, read back, verify): ${copy_ms} ms ($(( total_rows * 1000 / (copy_ms > 0 ? copy_ms : 1) )) rows/s)"
echo "wagecase copy at $(( psql_ms * 100 / (copy_ms > 0 ? copy_ms : 1) ))% of psql \\copy's rate"
psql -q "$server" -c "DROP DATABASE bench_copy" -c "DROP DATABASE bench_psql"
