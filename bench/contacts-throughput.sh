#!/usr/bin/env bash
# Throughput benchmark: a generated drop of N rows (default 1,000,000) in the demo format, `once` from command
# start to exit, uploading to a sandbox without a rate limit that runs as a separate process on this machine.
# Prints the wall time and rows/s of each run; run it a few times and quote the median.
# Usage: bench/contacts-throughput.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-3}
port=${BENCH_SANDBOX_PORT:-18089}
work=$(mktemp -d)
TIMEFORMAT='%U %S'
# user + system CPU seconds a process has used so far
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
[ -f target/outbound-sync.jar ] || mvn -B -q package -DskipTests
# a copy: a rebuild while the benchmark runs would pull classes out from under the running JVMs
cp target/outbound-sync.jar "$work/outbound-sync.jar"
bench/generate-drop.sh "$work/drop.csv" "$rows" >/dev/null
java ${BENCH_SANDBOX_OPTS:-} -Dsandbox.rate-limit-per-minute=0 -Dsandbox.journal-size=0 -Xmx4g -jar "$work/outbound-sync.jar" sandbox \
  --port "$port" >"$work/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/sandbox/journal" && break; sleep 0.2; done
for run in $(seq "$runs"); do
  data="$work/data-$run"
  mkdir -p "$data/inbox/contacts/demo"
  # a new list name per run, so every run uploads every row (nothing is unchanged)
  sed "s/name: Demo Renewals/name: Bench $run $$/" config/campaigns/demo.yaml > "$work/demo.yaml"
  mkdir -p "$work/config-$run/campaigns" && cp -r config/dnc config/application.properties "$work/config-$run/"
  cp "$work/demo.yaml" "$work/config-$run/campaigns/demo.yaml"
  cp "$work/drop.csv" "$data/inbox/contacts/demo/drop-$run.csv"
  sandbox_cpu_before=$(cpu_seconds "$sandbox")
  start=$(date +%s.%N)
  { time java ${BENCH_JAVA_OPTS:-} -Dgenesys.mode=live -Dgenesys.api-url="http://127.0.0.1:$port" \
    -Dgenesys.login-url="http://127.0.0.1:$port" -Dgenesys.client-id=sandbox-client \
    -Dgenesys.client-secret=sandbox-secret -Dgenesys.rate-limit.requests-per-window=1000000 \
    -jar "$work/outbound-sync.jar" --config-dir "$work/config-$run" --data-dir "$data" once >"$work/run-$run.log" 2>&1; } 2>"$work/time-$run"
  end=$(date +%s.%N)
  sandbox_cpu=$(awk -v a="$sandbox_cpu_before" -v b="$(cpu_seconds "$sandbox")" 'BEGIN { printf "%.1f", b - a }')
  once_cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$work/time-$run")
  summary="$data/reports/drop-$run.csv.summary.json"
  uploaded=$(grep -o '"uploaded" : [0-9]*' "$summary" | grep -o '[0-9]*$')
  awk -v s="$start" -v e="$end" -v r="$rows" -v u="$uploaded" -v n="$run" -v oc="$once_cpu" -v sc="$sandbox_cpu" \
    'BEGIN { t = e - s; printf "run %d: %d rows (%d uploaded) in %.2f s: %.0f rows/s; CPU s: once %s, sandbox %s\n",
      n, r, u, t, r / t, oc, sc }'
done
