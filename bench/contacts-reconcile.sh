#!/usr/bin/env bash
# Reconciliation benchmark: a generated drop of ROWS rows (default 1,000,000) uploaded by `once` to a sandbox in its
# own process, then `contacts reconcile demo` against it with a small fixed heap (BENCH_XMX, default 128m) and the
# serial collector: the export (POST, GET until ready, the CSV downloaded), the streamed compare with the ledger.
# Prints the time, the outcome table and the peak heap / the largest heap after a full collection from the GC log:
# the export CSV is spooled to disk by Camel's stream caching and the compare holds no copy of the list.
# Usage: bench/contacts-reconcile.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
xmx=${BENCH_XMX:-128m}
port=${BENCH_SANDBOX_PORT:-18092}
work=$(mktemp -d)
[ -f target/outbound-sync.jar ] || mvn -B -q package -DskipTests
cp target/outbound-sync.jar "$work/outbound-sync.jar"
java -Dsandbox.rate-limit-per-minute=0 -Dsandbox.journal-size=0 -Dsandbox.export-delay-ms=500 -Xmx8g \
  -jar "$work/outbound-sync.jar" sandbox --port "$port" >"$work/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/sandbox/journal" && break; sleep 0.2; done
mkdir -p "$work/data/inbox/contacts/demo" "$work/config/campaigns"
cp -r config/dnc config/application.properties "$work/config/"
sed "s/name: Demo Renewals/name: Reconcile $rows $$/" config/campaigns/demo.yaml > "$work/config/campaigns/demo.yaml"
bench/generate-drop.sh "$work/data/inbox/contacts/demo/drop.csv" "$rows" >/dev/null
touch -d "1 minute ago" "$work/data/inbox/contacts/demo/drop.csv" # past the inbox's quiet period
live=(-Dgenesys.mode=live -Dgenesys.api-url="http://127.0.0.1:$port" -Dgenesys.login-url="http://127.0.0.1:$port"
  -Dgenesys.client-id=sandbox-client -Dgenesys.client-secret=sandbox-secret
  -Dgenesys.rate-limit.requests-per-window=1000000)
java "${live[@]}" -jar "$work/outbound-sync.jar" --config-dir "$work/config" --data-dir "$work/data" once \
  >"$work/once.log" 2>&1
start=$(date +%s.%N)
java -Xmx"$xmx" -XX:+UseSerialGC -Xlog:gc:file="$work/gc.log" "${live[@]}" -jar "$work/outbound-sync.jar" \
  --config-dir "$work/config" --data-dir "$work/data" contacts reconcile demo >"$work/reconcile.log" 2>&1 || true
end=$(date +%s.%N)
grep -E "^(CAMPAIGN|demo) " "$work/reconcile.log" || { echo "reconcile failed:"; grep -m3 -E "Exception|Error" "$work/reconcile.log"; cp "$work/reconcile.log" /tmp/reconcile-failed.log; exit 1; }
awk -v rows="$rows" -v s="$start" -v e="$end" -v xmx="$xmx" '
  match($0, /[0-9]+M->[0-9]+M/) {
    split(substr($0, RSTART, RLENGTH), m, "->"); b = m[1] + 0; a = m[2] + 0; n++
    if (b > peak) peak = b
    if ($0 ~ /Pause Full/) { full++; if (a > live) live = a }
  }
  END { printf "reconcile of %d rows in %.1f s (start to exit), -Xmx%s: %d collections (%d full), peak heap %d MB, largest heap after a full collection %d MB\n",
    rows, e - s, xmx, n, full, peak, live }' "$work/gc.log"
