#!/bin/sh
# Cron wrapper for `wagecase digest`: quiet on success, non-zero with the reason on stderr on failure (cron mails
# that to MAILTO), never prompts. Configuration comes from the environment, typically /etc/default/wagecase:
#   WAGECASE_DB              the database file (read only; a running `wagecase serve` is not blocked)
#   WAGECASE_BIN             the binary (default: wagecase on PATH)
#   WAGECASE_REPORT_DIR      keep each report here as well (optional; HTML, named by period)
#   WAGECASE_MAIL_TO         space-separated addresses to mail through sendmail -t (optional)
#   WAGECASE_MAIL_FROM       From address (optional)
#   WAGECASE_WEBHOOK         WeCom / DingTalk group robot URL (optional)
#   WAGECASE_WEBHOOK_KIND    wecom or dingtalk (default: from the URL)
#   WAGECASE_WEBHOOK_SECRET  DingTalk signing secret (read by wagecase itself, so it stays out of ps)
#   WAGECASE_LANG            zh (default) or en
# Usage: wagecase-digest.sh week            the week before the current one (run it on Monday)
#        wagecase-digest.sh month [YYYY-MM] the month (default: the current month, for the 20th)
set -eu
[ -r /etc/default/wagecase ] && . /etc/default/wagecase
bin="${WAGECASE_BIN:-wagecase}"
: "${WAGECASE_DB:?set WAGECASE_DB to the database file}"
export WAGECASE_DB

case "${1:-}" in
    week) period="--week"; name="week-$(TZ=Asia/Shanghai date +%G-W%V)" ;;
    month) month="${2:-$(TZ=Asia/Shanghai date +%Y-%m)}"; period="--month $month"; name="month-$month" ;;
    *) echo "usage: $0 week | month [YYYY-MM]" >&2; exit 2 ;;
esac

set -- digest $period --lang "${WAGECASE_LANG:-zh}"
if [ -n "${WAGECASE_REPORT_DIR:-}" ]; then
    mkdir -p "$WAGECASE_REPORT_DIR"
    set -- "$@" --format html --out "$WAGECASE_REPORT_DIR/digest-$name.html"
fi
for address in ${WAGECASE_MAIL_TO:-}; do set -- "$@" --mail "$address"; done
[ -n "${WAGECASE_MAIL_FROM:-}" ] && set -- "$@" --mail-from "$WAGECASE_MAIL_FROM"
[ -n "${WAGECASE_WEBHOOK:-}" ] && set -- "$@" --webhook "$WAGECASE_WEBHOOK"
[ -n "${WAGECASE_WEBHOOK_KIND:-}" ] && set -- "$@" --webhook-kind "$WAGECASE_WEBHOOK_KIND"
if [ -z "${WAGECASE_REPORT_DIR:-}${WAGECASE_MAIL_TO:-}${WAGECASE_WEBHOOK:-}" ]; then
    echo "$0: nothing to deliver: set WAGECASE_REPORT_DIR, WAGECASE_MAIL_TO or WAGECASE_WEBHOOK" >&2
    exit 2
fi
exec "$bin" "$@" </dev/null
