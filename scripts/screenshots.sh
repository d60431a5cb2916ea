#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png, desktop 1280 px and phone 390 px) from the sample
# database in headless chromium, signed in as a prosecutor. Look at them before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; [ -n "$server" ] && wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
swift build --product wagecase >/dev/null
bin=$(swift build --show-bin-path)/wagecase
export WAGECASE_DB="$work/screens.sqlite" WAGECASE_PASSWORD="screenshots only 2026"
"$bin" sample >/dev/null
echo "$WAGECASE_PASSWORD" | "$bin" user add screens --role prosecutor --password-stdin >/dev/null 2>&1
# The sample is dated 2024; this week's work, so the overview has figures of its own.
d() { date -d "$1" +%F; }
monday=$(date -d "-$(( $(date +%u) - 1 )) days" +%F)
"$bin" worker add --name 赵大勇 --id-number 11010519491231002X --phone 13909431234 >/dev/null
"$bin" worker add --name 钱小明 --id-number 440524188001010014 >/dev/null
clue=$("$bin" clue add --source hotline-12345 --received "$monday" --employer 91620403MA71ABCD0K \
    --project 兴平路安置小区二期 --worker 11010519491231002X=38000 --worker 440524188001010014=26500 --json \
    | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
"$bin" clue screen "$clue" >/dev/null
"$bin" case open --clue "$clue" --series 兴平路二期木工班组 --on "$monday" \
    --number "平检民支〔$(date +%Y)〕31号" --number "平检民支〔$(date +%Y)〕32号" >/dev/null
"$bin" case advance "平检民支〔$(date +%Y)〕31号" --to settled --on "$monday" --note 双方达成检察和解 >/dev/null
"$bin" case recover "平检民支〔$(date +%Y)〕31号" --amount 38000 --on "$(date +%F)" --route employer-paid \
    --payer 甘肃平川建设工程有限公司 >/dev/null
"$bin" guarantee add --project 兴平路安置小区二期 --kind bank-letter --amount 300000 --document BH620403-2026-031 \
    --issuer 中国银行平川支行 --effective "$(d '-350 days')" --ends "$(d '+20 days')" >/dev/null
"$bin" serve --port "$port" --insecure-cookies --log-level error 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
mkdir -p docs/screenshots
WAGECASE_URL="http://127.0.0.1:$port" python3 Tests/Browser/screenshots.py docs/screenshots
