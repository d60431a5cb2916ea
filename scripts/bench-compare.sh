#!/usr/bin/env bash
# Measures this working tree against an earlier commit in the same run on the same machine, alternating, so the
# machine's drift (±15% here from run to run) falls on both. Each benchmark runs base, current, base, current;
# compare the pairs, not the runs of different days.
# Usage: scripts/bench-compare.sh BASE_REF [http|import|digest|intake]...   (default: all four)
#   http    Benchmarks/http/run.sh 10        (needs wrk, sqlite3)
#   import  Benchmarks/import/run.sh         (1,000,000 workers, 20,000 clue rows; needs sqlite3, python3)
#   digest  Benchmarks/digest/run.sh 5       (a million cases; needs sqlite3)
#   intake  wagecase-bench 20000             (clue intake, case opening and advance through the use-cases)
# The base is checked out once into $TMPDIR/wagecase-bench-<sha> (release build there; its .build starts from a
# copy of this tree's packages, so nothing needs fetching).
set -euo pipefail
cd "$(dirname "$0")/.."
base_ref=${1:?usage: scripts/bench-compare.sh BASE_REF [http|import|digest|intake]...}
shift
benchmarks=("${@:-http import digest intake}")
[[ $# -eq 0 ]] && benchmarks=(http import digest intake)
sha=$(git rev-parse --verify "$base_ref^{commit}")
base="${TMPDIR:-/tmp}/wagecase-bench-${sha:0:12}"
if [[ ! -d "$base" ]]; then
    git worktree add --detach "$base" "$sha" >/dev/null
    # The packages only (a copied build's module cache names this tree's path and is refused there).
    mkdir -p "$base/.build"
    for part in checkouts repositories workspace-state.json; do
        [[ -e ".build/$part" ]] && cp -a ".build/$part" "$base/.build/"
    done
    [[ -f Package.resolved ]] && cp Package.resolved "$base/"
fi

# The workloads are this tree's (its Benchmarks/ scripts and generators), the binaries each tree's own.
if [[ "$(cd "$base" && pwd -P)" != "$(pwd -P)" ]]; then
    rm -rf "$base/Benchmarks.workload" && cp -a Benchmarks "$base/Benchmarks.workload"
    rsync -a --exclude CoreBenchmark Benchmarks/ "$base/Benchmarks/" 2>/dev/null \
        || { for d in http import digest; do cp -a "Benchmarks/$d/." "$base/Benchmarks/$d/"; done; }
fi

run() {  # tree, benchmark
    local tree=$1 name=$2
    case $name in
        http) (cd "$tree" && Benchmarks/http/run.sh 10) 2>&1 | grep -E "req/s" ;;
        import) (cd "$tree" && Benchmarks/import/run.sh) 2>&1 | grep -Ev "^(warning|  )" ;;
        # Each tree its own database: a newer schema is refused by an older reader, an older one by a newer.
        digest) (cd "$tree" && Benchmarks/digest/run.sh 5 "${TMPDIR:-/tmp}/wagecase-digest-$(basename "$(cd "$tree" && pwd)").sqlite") \
                    2>&1 | grep -Ev "^(warning|  )" ;;
        intake) (cd "$tree" && swift build -c release --product wagecase-bench >/dev/null 2>&1 \
                    && "$(cd "$tree" && swift build -c release --show-bin-path)/wagecase-bench" 20000) 2>&1 \
                    | grep -E "intake|opening|advance|statistics" ;;
        *) echo "unknown benchmark $name" >&2; exit 2 ;;
    esac
}

for name in "${benchmarks[@]}"; do
    for round in 1 2; do
        echo "== $name, round $round: base ${sha:0:7}"
        run "$base" "$name"
        echo "== $name, round $round: current $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
        run . "$name"
    done
done
