#!/usr/bin/env bash
# The province benchmark (release build): Benchmarks/digest's generator at five times its scale — 5,000,000 cases,
# 25,000,000 events, 2,500,000 recoveries, 500,000 guarantees over 250,000 projects — with the projects spread
# over 100 districts (region codes 62xxyy), generated once into an SQLite file and copied once into PostgreSQL with
# `wagecase copy` (a throwaway cluster, scripts/postgres.sh). Then, on both engines, each the median of RUNS whole
# command runs: the weekly digest for the whole province as of a past Monday (text and JSON) and as of today, the
# monthly summary, and `stats` over all time and over a year; then the case list API beside /healthz at 64
# connections (wrk), one `serve` on each engine. Needs ~25 GB of disk and about an hour the first
# time on a 2-core machine; GNU sed. Usage: Benchmarks/province/run.sh [RUNS] [DB]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"
db="${2:-${TMPDIR:-/tmp}/wagecase-province-bench.sqlite}"
swift build -c release --product wagecase >/dev/null
bin=.build/release/wagecase
server=$(scripts/postgres.sh start)
url="${server%/*}/bench_province"

# Each long step leaves a mark when it has finished, so an interrupted one starts again rather than being reused.
if [[ ! -f "$db.generated" ]]; then
    rm -f "$db" "$db-wal" "$db-shm" "$db.copied"
    start=$(date +%s%N)
    "$bin" init --db "$db" >/dev/null
    # Every count of the million-case generator times five (largest first, so no number is scaled twice; amounts
    # are not counts and stay), and the six region codes replaced by a hundred districts of one province.
    sed -E -e 's/i < 1000000/i < 5000000/' -e 's/\b250000\b/1250000/g' -e 's/\b100000\b/500000/g' \
        -e 's/\b50000\b/250000/g' -e 's/\b20000\b/100000/g' -e 's/\b10000\b/50000/g' \
        -e "s/CASE i % 6 WHEN 0 THEN '620403' WHEN 1 THEN '620421' WHEN 2 THEN '620402' WHEN 3 THEN '110105' WHEN 4 THEN '440106' ELSE '510104' END/printf('62%02d%02d', 1 + i % 10, 1 + (i \/ 10) % 10)/" \
        Benchmarks/digest/generate.sql > "$db.generate.sql"
    grep -q "printf('62%02d%02d'" "$db.generate.sql" || { echo "the region codes were not replaced" >&2; exit 1; }
    sqlite3 "$db" < "$db.generate.sql"
    rm -f "$db.generate.sql"
    "$bin" stats --db "$db" --rebuild >/dev/null
    echo "generated $db in $(( ($(date +%s%N) - start) / 1000000 )) ms"
    touch "$db.generated"
fi
"$bin" init --db "$db" >/dev/null
# The cluster is thrown away with the machine's /tmp: the mark only counts if the database is still there.
if [[ ! -f "$db.copied" ]] || ! psql -q "$server" -tAc "SELECT 1 FROM pg_database WHERE datname = 'bench_province'" | grep -q 1; then
    psql -q "$server" -c "DROP DATABASE IF EXISTS bench_province" -c "CREATE DATABASE bench_province"
    start=$(date +%s%N)
    "$bin" copy --db "$db" --to "$url" >/dev/null
    echo "copied into PostgreSQL in $(( ($(date +%s%N) - start) / 1000000 )) ms"
    psql -q "$url" -c "VACUUM ANALYZE" >/dev/null
    touch "$db.copied"
fi
"$bin" init --db "$url" >/dev/null
sqlite3 "$db" "SELECT printf('cases %d, events %d, recoveries %d, guarantees %d, districts %d',
    (SELECT COUNT(*) FROM wage_case), (SELECT COUNT(*) FROM case_event), (SELECT COUNT(*) FROM recovery),
    (SELECT COUNT(*) FROM guarantee), (SELECT COUNT(DISTINCT region_code) FROM project))"

source Benchmarks/median.sh

for engine in sqlite postgres; do
    target=$db; [[ $engine == postgres ]] && target=$url
    echo "== $engine"
    printf '  digest --week --on 2026-11-23, text   %s\n' "$(median_ms "$bin" digest --db "$target" --week --on 2026-11-23)"
    printf '  digest --week --on 2026-11-23, json   %s\n' "$(median_ms "$bin" digest --db "$target" --week --on 2026-11-23 --json)"
    printf '  digest --week as of today, text       %s\n' "$(median_ms "$bin" digest --db "$target" --week)"
    printf '  digest --month 2026-10, html          %s\n' "$(median_ms "$bin" digest --db "$target" --month 2026-10 --on 2026-11-20 --format html)"
    printf '  stats (all time)                      %s\n' "$(median_ms "$bin" stats --db "$target" --json)"
    printf '  stats (one year)                      %s\n' "$(median_ms "$bin" stats --db "$target" --json --from 2025-11-23 --to 2026-11-22)"
done
# The case list API beside /healthz at 64 connections (wrk, loopback, SECONDS each, 8 by default): one `serve`
# on the file, one on PostgreSQL. The first page of fifty cases, as a client pages through them.
seconds=${SECONDS_EACH:-8}
port=18191
for engine in sqlite postgres; do
    target=$db; [[ $engine == postgres ]] && target=$url
    # A user of this run only (its token is shown once), revoked after it.
    name="province-bench-$(date +%s)"
    token=$("$bin" user add "$name" --role viewer --db "$target" 2>/dev/null | tail -1)
    "$bin" serve --db "$target" --port "$port" --log-level warning 2>/dev/null &
    serving=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
    for path in /healthz "/api/v1/cases?limit=50"; do
        out=$(wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")
        printf '  %-8s GET %-24s %10s req/s   p99 %8s   non-2xx %s\n' "$engine" "$path" \
            "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
            "$(awk '/Non-2xx/ {print $5}' <<<"$out")"
    done
    kill "$serving"; wait "$serving" 2>/dev/null || true
    "$bin" user revoke "$name" --db "$target" >/dev/null
done

# Clue intake on PostgreSQL through the API (every request a validated, audited write; writers take turns on the
# database's advisory lock), with one `serve` process and with two on the same database (wrk at 32 connections
# each, their requests/s summed). Each run names workers no earlier run named, so no request is a duplicate; the
# clues it adds (received 2025-06-01, for an employer the workers had no clue with) stay in the database.
employer=$(psql -q "$url" -tAc "SELECT id FROM employer ORDER BY id LIMIT 1")
# The generator's workers carry made-up ID numbers that intake refuses (no real birth date, no check digit), so
# the first run adds 300,000 workers with valid ones (GB 11643: 110101, a birth date, a sequence, the check digit).
psql -q "$url" -c "INSERT INTO worker (name, id_number, created_at)
    SELECT '基准工人' || n, base || substr('10X98765432', (SELECT SUM(substr(base, i, 1)::int
            * (ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])[i]) FROM generate_series(1, 17) i)::int % 11 + 1, 1),
           now()
    FROM (SELECT n, '110101' || to_char(DATE '1960-01-01' + n / 1000, 'YYYYMMDD') || lpad((n % 1000)::text, 3, '0') AS base
          FROM generate_series(1, 300000) n) s
    ON CONFLICT (id_number) DO NOTHING" >/dev/null
name="province-intake-$(date +%s)"
token=$("$bin" user add "$name" --role prosecutor --db "$url" 2>/dev/null | tail -1)
ids=$(mktemp -d)
psql -q "$url" -tAc "SELECT w.id_number FROM worker w WHERE w.name LIKE '基准工人%' AND NOT EXISTS (SELECT 1 FROM clue_worker cw JOIN clue l ON l.id = cw.clue_id
    WHERE cw.worker_id = w.id AND l.employer_id = $employer) ORDER BY w.id DESC LIMIT 300000" > "$ids/all"
split -n l/3 -d "$ids/all" "$ids/part"
intake() {  # port, ids file, connections → requests/s
    WAGECASE_IDS="$2" WAGECASE_TOKEN="$token" WAGECASE_EMPLOYER="$employer" WAGECASE_THREADS=1 \
        wrk -t1 -c"$3" -d"${seconds}s" --latency -s Benchmarks/http/post-clue.lua "http://127.0.0.1:$1" > "$ids/out.$1"
    printf '    port %s: %s req/s, p99 %s, non-2xx %s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$ids/out.$1")" \
        "$(awk '$1 == "99%" {print $2}' "$ids/out.$1")" "$(awk '/Non-2xx/ {print $5}' "$ids/out.$1")"
}
"$bin" serve --db "$url" --port "$port" --log-level warning 2>/dev/null & first=$!
"$bin" serve --db "$url" --port $((port + 1)) --log-level warning 2>/dev/null & second=$!
for p in "$port" $((port + 1)); do for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$p/healthz" >/dev/null && break; sleep 0.2; done; done
before=$(psql -q "$url" -tAc "SELECT COUNT(*) FROM clue")
echo "  postgres POST /api/v1/clues, one serve process (64 connections):"
intake "$port" "$ids/part00" 64
echo "  postgres POST /api/v1/clues, two serve processes (32 connections each, at once):"
intake "$port" "$ids/part01" 32 & a=$!
intake $((port + 1)) "$ids/part02" 32 & b=$!
wait "$a" "$b"
after=$(psql -q "$url" -tAc "SELECT COUNT(*) FROM clue")
echo "  $((after - before)) clues written in all; the audit chain: $("$bin" audit verify --db "$url" 2>&1 | head -1)"
kill "$first" "$second"; wait "$first" "$second" 2>/dev/null || true
"$bin" user revoke "$name" --db "$url" >/dev/null
rm -rf "$ids"

# The same digest from both engines, byte for byte.
if cmp -s <("$bin" digest --db "$db" --week --on 2026-11-23 --json) <("$bin" digest --db "$url" --week --on 2026-11-23 --json); then
    echo "both engines give the same digest (JSON, byte for byte)"
else
    echo "the engines' digests DIFFER" >&2; exit 1
fi
