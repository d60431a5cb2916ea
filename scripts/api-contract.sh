#!/usr/bin/env bash
# Checks the running service against openapi.yaml with schemathesis (from PyPI): the service on a temporary
# database with the sample loaded, on loopback only, bounded in examples and time. Fails on any 5xx, any
# undocumented status code or content type, and any response that does not match its schema.
# Usage: scripts/api-contract.sh [EXAMPLES_PER_OPERATION]   (default 500)
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-500}
port=${WAGECASE_CONTRACT_PORT:-18095}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v st >/dev/null 2>&1 || pip install -q "schemathesis==4.32.5"
swift build --product wagecase >/dev/null
bin=$(swift build --show-bin-path)
export WAGECASE_DB="$work/contract.sqlite"
"$bin/wagecase" sample >/dev/null
prosecutor=$("$bin/wagecase" user add contract-prosecutor --role prosecutor 2>/dev/null | tail -1)
labor=$("$bin/wagecase" user add contract-labor --role labor 2>/dev/null | tail -1)
admin=$("$bin/wagecase" user add contract-admin --role admin 2>/dev/null | tail -1)
# The joint work's records, so its routes answer with records as well as refusals.
"$bin/wagecase" unit add --code civil --name 民事检察部 --kind procuratorate >/dev/null
"$bin/wagecase" unit add --code labor --name 人社局 --kind labor-bureau >/dev/null
"$bin/wagecase" unit add --code 12345 --name 12345热线 --kind hotline-12345 >/dev/null
"$bin/wagecase" referral add --from 12345 --to labor --received 2025-01-02 --subject 工单 >/dev/null
"$bin/wagecase" referral add --from 12345 --to civil --received 2025-01-03 --subject 求助 >/dev/null
"$bin/wagecase" task add --title 清理保证金 --unit labor --owner 王科长 --due 2025-03-01 >/dev/null
"$bin/wagecase" setting set monthly_report_units labor,civil >/dev/null
"$bin/wagecase" user unit contract-labor labor >/dev/null

"$bin/wagecase" serve --port "$port" --log-level error 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
run() {  # token, filter (e.g. --include-tag cases)
    echo "== schemathesis: $2 $3, $examples examples per operation"
    st run openapi.yaml --url "http://127.0.0.1:$port" -H "Authorization: Bearer $1" "$2" "$3" \
        --checks "$checks" --max-examples "$examples" --workers 1 --no-color --seed 20261125 \
        --request-timeout 10 --max-response-time 5
}
status=0
run "$prosecutor" --include-tag people || status=1
run "$prosecutor" --include-tag cases || status=1
run "$labor" --include-tag guarantees || status=1
run "$prosecutor" --include-tag reports || status=1
run "$prosecutor" --include-tag documents || status=1
run "$prosecutor" --include-tag data-matching || status=1
run "$prosecutor" --include-tag joint-work || status=1
run "$labor" --include-tag joint-work || status=1
run "$admin" --include-operation-id listAudit || status=1
run "$admin" --include-tag admin || status=1
run "$prosecutor" --include-tag service || status=1
if [ "$status" -ne 0 ]; then
    echo "server log (last lines):"; tail -20 "$work/serve.log"
fi
exit "$status"
