#!/usr/bin/env bash
# Writes many random histories (a hundred and fifty writes each, some of several rows) to the same records on
# SQLite and PostgreSQL and holds every kept figure to the records and the two engines to each other: the long run
# of the three seeds CI tries. Starts the throwaway PostgreSQL cluster if none is named.
# Not part of CI's default run. Usage: scripts/figure-histories.sh [SEEDS]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
export WAGECASE_HISTORY_SEEDS="${1:-200}"
export WAGECASE_TEST_POSTGRES="${WAGECASE_TEST_POSTGRES:-$(scripts/postgres.sh start)}"
swift build --build-tests >/dev/null 2>&1 || { echo "build failed: run swift build --build-tests"; exit 1; }
swift test --disable-xctest --skip-build --filter "PostgresFiguresTests/randomHistories" 2>&1 \
    | grep -E "✘|Test run with" | cut -c1-400
