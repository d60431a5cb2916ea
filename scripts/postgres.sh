#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `scripts/postgres.sh start` creates one with initdb in a temporary
# folder, starts it with pg_ctl on 127.0.0.1 (never a system service) and prints the URL to export as
# WAGECASE_TEST_POSTGRES; `scripts/postgres.sh stop` stops it and removes the folder.
# The cluster asks for a password (scram-sha-256), so the tests connect as a deployment would.
set -euo pipefail
state=/tmp/wagecase-postgres
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then echo "PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2; exit 1; fi
# Below the kernel's ephemeral range (32768–60999 here), so no outgoing loopback connection can hold it.
port=${WAGECASE_PG_PORT:-25432}
password=wagecase-test
# initdb and the server refuse to run as root: run them as the postgres user when we are root.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
start)
    if [ -f "$state/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$state/data" status >/dev/null 2>&1; then
        echo "postgres://wagecase:$password@127.0.0.1:$port/postgres"; exit 0
    fi
    rm -rf "$state"; mkdir -p "$state"
    [ "$(id -u)" = 0 ] && chown postgres "$state"
    echo "$password" > "$state/pw"; [ "$(id -u)" = 0 ] && chown postgres "$state/pw"
    as_owner "$bin/initdb" -D "$state/data" -U wagecase --pwfile="$state/pw" --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
        || { cat "$state/initdb.log" >&2; exit 1; }
    # Tests make many databases side by side; a small shared buffer keeps the cluster light on a 2-core machine.
    as_owner "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -w \
        -o "-h 127.0.0.1 -p $port -k $state -c max_connections=300 -c shared_buffers=128MB -c fsync=off" start \
        >/dev/null || { cat "$state/server.log" >&2; exit 1; }
    echo "postgres://wagecase:$password@127.0.0.1:$port/postgres"
    ;;
stop)
    if [ -d "$state/data" ]; then as_owner "$bin/pg_ctl" -D "$state/data" -m fast stop >/dev/null 2>&1 || true; fi
    rm -rf "$state"
    ;;
*) echo "usage: scripts/postgres.sh start|stop" >&2; exit 2 ;;
esac
