#!/usr/bin/env bash
# The soak at scale: ContactsSoakTest with ROWS rows (default 1,000,000) and WebhookOutageSoakTest, through Maven
# (`-Psoak`). The drop runs in `run`, in a process of its own, against the sandbox answering 5% of API requests
# with 503, 2% late (500 ms), dropping 1% of connections, with two 429 storms (30 in a row on the uploads), a
# 60-second outage of the whole API at half the drop and a SIGKILL at a quarter, then a restart. Prints what was
# injected (from the sandbox's journal) and the verdict: every accepted contact in Genesys exactly as the ledger
# says (reconcile), the summary adding up, every webhook event delivered once and in order after an hour of 503s.
# Usage: bench/soak.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
status=0
mvn -B test -Psoak -Dsoak.rows="$rows" -Dtest='ContactsSoakTest,WebhookOutageSoakTest' \
  -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || status=$?
end=$(date +%s)
grep -E "^(contacts soak|webhook soak):" "$log" || true
grep -E "Tests run:.*Fail" "$log" | tail -1
grep -E "^\[ERROR\] +[A-Za-z]+.*(Test|Soak)" "$log" | head -5 || true
if [ "$status" -eq 0 ]; then
  echo "verdict: PASS ($rows rows, $((end - start)) s with the build)"
else
  echo "verdict: FAIL ($rows rows; the Maven log: $log)"
  trap - EXIT
  exit 1
fi
