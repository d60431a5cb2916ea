#!/usr/bin/env bash
# Fuzzes the parsers that read outside bytes — amounts, dates, ID numbers, credit codes, the CSV and XLSX readers,
# the mapping loader, evidence file types and office DOCX templates — with libFuzzer and AddressSanitizer, each for a
# bounded time, starting from the committed seed corpus (Fuzz/Corpus/<target>). New inputs that reach new code are
# kept in a scratch corpus; a crash is written to Fuzz/Corpus/<target>/crash-… so it becomes a regression test (the
# unit tests replay the corpus).
# Not part of CI's default run. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]   (default 60, all)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(amount date id-number credit-code csv xlsx mapping evidence template model)
export PATH="/opt/swift/usr/bin:$PATH"

swift build --scratch-path .build-fuzz --product wagecase-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld >/dev/null
bin="$(swift build --scratch-path .build-fuzz --show-bin-path -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING)/wagecase-fuzz"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/wagecase-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

status=0
for target in "${targets[@]}"; do
    mkdir -p "$scratch/$target"
    echo "== $target: ${seconds}s"
    # -rss_limit_mb bounds memory per input: a reader that grows without bound is a finding too.
    # The xlsx target leaks a few kilobytes per workbook inside its XML decoding (the packages', not ours, on every
    # valid workbook): leak checking would stop it on its first seed, so it is off there.
    leaks=1; [ "$target" = xlsx ] && leaks=0
    if ! ASAN_OPTIONS="detect_leaks=$leaks" WAGECASE_FUZZ_TARGET="$target" "$bin" "$scratch/$target" "Fuzz/Corpus/$target" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -detect_leaks="$leaks" \
        -artifact_prefix="Fuzz/Corpus/$target/crash-" -print_final_stats=1 2>"$scratch/$target.log"; then
        status=1
        echo "   FOUND a failure: see Fuzz/Corpus/$target/crash-*"; tail -30 "$scratch/$target.log"
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$scratch/$target.log" | sed 's/^/   /'
    echo "   corpus: $(ls "$scratch/$target" | wc -l) new inputs"
done
exit "$status"
