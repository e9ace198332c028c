#!/usr/bin/env bash
# Status page first-load benchmark: starts `run` on the embedded sandbox with the sample drop (a copy of the jar, a
# temporary data folder, observe.port 19876 unless BENCH_OBSERVE_PORT), then loads http://127.0.0.1:PORT/ LOADS
# times (default 10) in a new headless Chromium each time (no cache) and prints the load event and the first
# figures drawn, per load and as medians. Needs chromium and chromedriver (scripts/install-test-deps.sh).
# Usage: bench/status-page-load.sh [LOADS]
set -euo pipefail
cd "$(dirname "$0")/.."
loads=${1:-10}
port=${BENCH_OBSERVE_PORT:-19876}
work=$(mktemp -d)
[ -f target/outbound-sync.jar ] || mvn -B -q package -DskipTests
cp target/outbound-sync.jar "$work/outbound-sync.jar"
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >/dev/null
mkdir -p "$work/data/inbox/contacts/demo"
cp -p config/samples/demo-contacts.csv "$work/data/inbox/contacts/demo/"
java -Dobserve.port="$port" -jar "$work/outbound-sync.jar" --data-dir "$work/data" run >"$work/run.log" 2>&1 &
run=$!
trap 'kill $run 2>/dev/null; wait $run 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 150); do curl -s -o /dev/null "http://127.0.0.1:$port/observe/health" && break; sleep 0.2; done
# the sample drop done, so the page has a drop, campaigns and rates to draw
for _ in $(seq 100); do ls "$work/data/reports/"*.summary.json >/dev/null 2>&1 && break; sleep 0.2; done
java -cp "$(cat "$work/classpath.txt")" bench/src/StatusPageLoad.java "http://127.0.0.1:$port/" "$loads"
