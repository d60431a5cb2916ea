#!/usr/bin/env bash
# The web pages in a real browser: the service on a temporary database with the sample, three users with
# passwords, a letter ending next month and a worker named <script>…; then Tests/Browser/browser_test.py drives
# headless chromium through it (selenium + axe-selenium-python from PyPI; chromium, chromium-driver and
# fonts-noto-cjk from Debian). Loopback only; the service stops with the script.
set -euo pipefail
cd "$(dirname "$0")/.."
# A free port of loopback unless one is given (two runs on one machine must not meet).
port=${WAGECASE_BROWSER_PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; [ -n "$server" ] && wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 -c "import selenium, axe_selenium_python" 2>/dev/null || python3 -m pip install -q selenium axe-selenium-python
swift build --product wagecase >/dev/null
bin=$(swift build --show-bin-path)/wagecase
export WAGECASE_DB="$work/browser.sqlite" WAGECASE_PASSWORD="browser test password"
"$bin" sample >/dev/null
for role in prosecutor labor viewer admin; do
    echo "$WAGECASE_PASSWORD" | "$bin" user add "web-$role" --role "$role" --password-stdin >/dev/null 2>&1
done
export WORKER_A=11010519491231002X WORKER_B=440524188001010014
"$bin" worker add --name 赵大勇 --id-number "$WORKER_A" >/dev/null
"$bin" worker add --name 钱小明 --id-number "$WORKER_B" >/dev/null
"$bin" clue add --source petition --received "$(date +%F)" --employer 91620403MA71ABCD0K --project 兴平路安置小区二期 \
    --worker "$WORKER_A=38000" >/dev/null
"$bin" worker add --name '<script>alert(1)</script>' --id-number 620403199001016766 >/dev/null
script_clue=$("$bin" clue add --source walk-in --received "$(date +%F)" --employer 91620400MA74XK2P3P \
    --worker 620403199001016766=1000 --json | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
export SCRIPT_CLUE_URL="BASE/clues/$script_clue"
"$bin" guarantee add --project 兴平路安置小区二期 --kind bank-letter --amount 300000 --document BH-BROWSER-001 \
    --issuer 某银行 --effective "$(date -d '-340 days' +%F)" --ends "$(date -d '+30 days' +%F)" >/dev/null
# A partner's award file and a model run: the review queue has a lead with its evidence.
printf '仲裁文书号,申请人姓名,申请人身份证号,被申请人,被申请人统一社会信用代码,项目名称,裁决金额,生效日期,履行状态\n平劳人仲〔2026〕1号,钱小明,%s,某建设公司,91620403MA71ABCD0K,兴平路安置小区二期,3.8万,%s,未履行\n' \
    "$WORKER_B" "$(date -d '-60 days' +%F)" > "$work/awards.csv"
"$bin" dataset import arbitration-awards "$work/awards.csv" --unit 区劳动人事争议仲裁院 >/dev/null
"$bin" model run --model award-unpaid >/dev/null
# The joint work: member units, a referral each way, the task list, a meeting, the labor user at the labor bureau.
"$bin" unit add --code civil --name 民事检察部 --kind procuratorate --liaison 李检察官 >/dev/null
"$bin" unit add --code labor --name 平川区人社局 --kind labor-bureau --liaison 王科长 --contact 0943-5512345 >/dev/null
"$bin" unit add --code 12345 --name 12345热线 --kind hotline-12345 >/dev/null
"$bin" unit add --code housing --name 平川区住建局 --kind housing-bureau >/dev/null
"$bin" setting set monthly_report_units labor,housing >/dev/null
"$bin" user unit web-labor labor >/dev/null
"$bin" referral add --from 12345 --to labor --received "$(date -d '-30 days' +%F)" --subject 12345工单：安置小区欠薪 --number GD-1 >/dev/null
"$bin" referral add --from 12345 --to civil --received "$(date -d '-2 days' +%F)" --subject 12345转12309：讨薪求助 >/dev/null
"$bin" meeting add --on "$(date -d '-60 days' +%F)" --kind plenary --units civil,labor,housing \
    --decision "清理在建项目保证金|labor|王科长|$(date -d '-5 days' +%F)" \
    --decision "建立支持起诉台账|civil|李检察官|$(date -d '+40 days' +%F)" >/dev/null
"$bin" serve --port "$port" --insecure-cookies --log-level error 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
WAGECASE_URL="http://127.0.0.1:$port" python3 Tests/Browser/browser_test.py || { tail -20 "$work/serve.log"; exit 1; }
