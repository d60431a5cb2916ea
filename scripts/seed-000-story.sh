#!/usr/bin/env bash
# Enters seed 000's year through the CLI, one command at a time, as an office would:
# "从信访案件、法律援助、劳动纠纷等领域摸排拖欠农民工工资案件线索22件，提出支持起诉18件，达成检察和解4件，
#  为农民工挽回损失3.8万元。"
# Usage: scripts/seed-000-story.sh [WAGECASE_BINARY]   (database: $WAGECASE_DB, default ./wagecase.sqlite)
# Afterwards `wagecase stats --json` reports 22 clues (8 petition, 7 legal aid, 7 labor dispute), 18 support
# decided, 4 settlements and recovered_fen 3800000; suggestions.issued 2 and suggestions.secured_fen 2803900000.
set -euo pipefail
wagecase=${1:-wagecase}
w() { "$wagecase" "$@" --actor 平川区检察院民事检察部 >/dev/null; }

"$wagecase" init >/dev/null
w employer add --name "甘肃某建筑工程有限公司" --credit-code 91620403MA71ABCD0K --kind general-contractor
w project add --name "平川区安置小区项目" --employer 91620403MA71ABCD0K --location "白银市平川区"

ids=(620403199309288995 620403199408179751 620403197703266242 62040319951120912X 620403197602154102
     620403197402189298 620403196710135633 62040319751001951X 620403199802021362 620403197704201301
     620403199406157057 620403197709087552 620403198308017785 620403197008213843 620403199109271857
     62040319810625335X 62040319970501171X 620403197107049663 620403198307031171 620403196504071536
     620403199507235069 620403199102197447)
sources=(petition petition petition petition petition petition petition petition
         legal-aid legal-aid legal-aid legal-aid legal-aid legal-aid legal-aid
         labor-dispute labor-dispute labor-dispute labor-dispute labor-dispute labor-dispute labor-dispute)

for i in "${!ids[@]}"; do
    n=$((i + 1))
    month=$(printf %02d $(( (i % 9) + 2 )))
    w worker add --name "农民工$n" --id-number "${ids[$i]}" --phone "1390943$(printf %04d "$n")"
    w clue add --source "${sources[$i]}" --received "2024-${month}-05" --employer 91620403MA71ABCD0K \
        --project "平川区安置小区项目" --worker "${ids[$i]}=1.2万" --summary "拖欠工资线索 $n"
    w case open --clue "$n" --on "2024-${month}-10" --number "平检民支〔2024〕${n}号"
    w case advance "平检民支〔2024〕${n}号" --to investigating --on "2024-${month}-15"
done

# Four settlements: the employer pays in the settlement.
settled=(6 12 18 22)
for n in "${settled[@]}"; do
    w case advance "平检民支〔2024〕${n}号" --to settled --on 2024-11-01 --note "达成检察和解"
done
w case recover "平检民支〔2024〕6号" --amount 5000 --on 2024-11-02 --route employer-paid
w case recover "平检民支〔2024〕12号" --amount "4,000.00" --on 2024-11-02 --route employer-paid
w case recover "平检民支〔2024〕18号" --amount 0.35万 --on 2024-11-03 --route employer-paid
w case recover "平检民支〔2024〕22号" --amount 2500 --on 2024-11-03 --route employer-paid

# Eighteen support-for-litigation decisions (提出支持起诉).
for n in $(seq 1 22); do
    case " ${settled[*]} " in *" $n "*) continue ;; esac
    w case record "平检民支〔2024〕${n}号" --kind application --on 2024-11-04 --note "书面申请支持起诉"
    w case advance "平检民支〔2024〕${n}号" --to support-decided --on 2024-11-05
done
w case recover "平检民支〔2024〕1号" --amount 8000 --on 2024-11-20 --route employer-paid
# Two workers are paid from the project's wage guarantee deposit: one draw, one payment notice (paid by the bank
# two days on), both cases named; the contractor tops the deposit up within its 10 working days.
w guarantee add --project "平川区安置小区项目" --kind cash-deposit --amount 50万 --effective 2024-01-10
w guarantee event 1 --kind drawn --on 2024-11-20 --amount 10000 --notice "平人社支〔2024〕3号" --paid-on 2024-11-22 \
    --case "平检民支〔2024〕2号=5000" --case "平检民支〔2024〕3号=5000"
w guarantee event 1 --kind replenished --on 2024-11-29 --amount 10000
w case recover "平检民支〔2024〕4号" --amount 5000 --on 2024-11-22 --route emergency-fund

# "精准发出行政违法类案检察建议2份，抵存农民工工资保证金2803.9万元": two suggestions and what they secured.
w suggestion add --number "平检行建〔2024〕1号" --issued 2024-09-10 --agency 平川区人力资源和社会保障局 \
    --text "虽缴纳农民工工资保证金但仍存在拖欠农民工工资、保函超期等问题"
w suggestion reply "平检行建〔2024〕1号" --on 2024-11-05 --secured 1803.9万 --letters-renewed 3
w suggestion add --number "平检行建〔2024〕2号" --issued 2024-09-20 --agency 平川区住房和城乡建设局
w suggestion reply "平检行建〔2024〕2号" --on 2024-11-15 --secured "10,000,000.00"
