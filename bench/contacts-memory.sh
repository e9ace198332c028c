#!/usr/bin/env bash
# Memory benchmark: `once` on generated drops of each size given (default 1,000,000 and 5,000,000 rows), with the
# same small fixed heap (BENCH_XMX, default 128m) and the serial collector, uploading to a sandbox without a rate
# limit in its own process. Prints, per size, the largest heap in use before a collection (peak), and the largest
# heap left after a full collection (what the run really holds: a young collection's figure includes old garbage
# not yet collected), read from the JVM's own GC log. Streaming means both stay flat as the file grows, and both
# sizes finish in the same small heap.
# Usage: bench/contacts-memory.sh [ROWS...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 5000000)
xmx=${BENCH_XMX:-128m}
port=${BENCH_SANDBOX_PORT:-18091}
work=$(mktemp -d)
[ -f target/outbound-sync.jar ] || mvn -B -q package -DskipTests
# a copy: a rebuild while the benchmark runs would pull classes out from under the running JVMs
cp target/outbound-sync.jar "$work/outbound-sync.jar"
java -Dsandbox.rate-limit-per-minute=0 -Dsandbox.journal-size=0 -Xmx8g -jar "$work/outbound-sync.jar" sandbox \
  --port "$port" >"$work/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/sandbox/journal" && break; sleep 0.2; done
for rows in "${sizes[@]}"; do
  run="$work/$rows"
  mkdir -p "$run/data/inbox/contacts/demo" "$run/config/campaigns"
  cp -r config/dnc config/application.properties "$run/config/"
  sed "s/name: Demo Renewals/name: Memory $rows $$/" config/campaigns/demo.yaml > "$run/config/campaigns/demo.yaml"
  bench/generate-drop.sh "$run/data/inbox/contacts/demo/drop.csv" "$rows" >/dev/null
  touch -d "1 minute ago" "$run/data/inbox/contacts/demo/drop.csv" # past the inbox's quiet period
  start=$(date +%s.%N)
  java -Xmx"$xmx" -XX:+UseSerialGC -Xlog:gc:file="$run/gc.log" -Dgenesys.mode=live -Dgenesys.api-url="http://127.0.0.1:$port" \
    -Dgenesys.login-url="http://127.0.0.1:$port" -Dgenesys.client-id=sandbox-client \
    -Dgenesys.client-secret=sandbox-secret -Dgenesys.rate-limit.requests-per-window=1000000 \
    -jar "$work/outbound-sync.jar" --config-dir "$run/config" --data-dir "$run/data" once >"$run/run.log" 2>&1
  end=$(date +%s.%N)
  uploaded=$(grep -o '"uploaded" : [0-9]*' "$run/data/reports/drop.csv.summary.json" | grep -o '[0-9]*$')
  # "GC(7) Pause Young (Allocation Failure) 40M->12M(123M) 4.1ms", "GC(9) Pause Full (Allocation Failure) ...":
  # before->after(committed)
  awk -v rows="$rows" -v up="$uploaded" -v s="$start" -v e="$end" -v xmx="$xmx" '
    match($0, /[0-9]+M->[0-9]+M/) {
      split(substr($0, RSTART, RLENGTH), m, "->"); b = m[1] + 0; a = m[2] + 0; n++
      if (b > peak) peak = b
      if ($0 ~ /Pause Full/) { full++; if (a > live) live = a }
    }
    END { printf "%d rows (%d uploaded) in %.1f s, -Xmx%s: %d collections (%d full), peak heap %d MB, largest heap after a full collection %d MB\n",
      rows, up, e - s, xmx, n, full, peak, live }' "$run/gc.log"
  rm -f "$run/data/inbox/contacts/demo/drop.csv" "$run"/data/processed/*/drop.csv
done
