#!/usr/bin/env bash
# Warm re-drop benchmark (issue 28): one `run` process stays up while a generated drop of N rows (default 1,000,000)
# in the demo format goes in, then the same rows with 1% changed (as bench/contacts-redrop.sh changes them) under a
# new name, then that same file again under a third name. For each drop it prints the time from the file's arrival
# in the inbox to its summary in reports/, the rows uploaded (the summary's `uploaded`) and the requests of any kind
# the sandbox served meanwhile (its journal). The re-drop should upload exactly the changed rows; the same file again
# should send nothing. The inbox is polled every 200 ms (contacts.inbox.poll-delay-ms) and taken once a file has not
# changed for 0 ms (contacts.inbox.quiet-ms: the bench writes each file whole, then moves it in), so the figures are
# the drop's own time, not the poll's. The sandbox runs in its own process, without a rate limit, from the same jar;
# the `run` runs with a Class Data Sharing archive as the README runs it (--no-cds without).
# BENCH_SHOW_REQUESTS=1 lists each drop's requests by method and path (on stderr).
# Usage: bench/contacts-warm-run.sh [--jar JAR] [--no-cds] [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_SANDBOX_PORT:-18096}
source bench/redrop-setup.sh
java -Dsandbox.rate-limit-per-minute=0 -Dsandbox.journal-size=200000 -Xmx6g -jar "$work/outbound-sync.jar" sandbox \
  --port "$port" >"$work/sandbox.log" 2>&1 &
sandbox=$!
runner=""
cleanup() {
  [ -n "$runner" ] && kill "$runner" 2>/dev/null && wait "$runner" 2>/dev/null
  kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null
  [ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/sandbox/journal" && break; sleep 0.2; done

# the sandbox journal's last sequence number (0 when empty)
last_seq() {
  curl -s "http://127.0.0.1:$port/sandbox/journal?since=${1:-0}" | grep -o '"seq" *: *[0-9]*' | tail -1 \
    | grep -o '[0-9]*$' || echo "${1:-0}"
}
# Genesys API and login requests served after sequence number $1 (the bench's own /sandbox/ calls left out)
requests_since() {
  curl -s "http://127.0.0.1:$port/sandbox/journal?since=$1" | tr '{' '\n' | grep '"path"' \
    | grep -vc '"path" *: *"/sandbox/' || true
}

# drops FILE into the running run's inbox as NAME; prints "seconds uploaded requests"
drop() {
  local data=$1 file=$2 name=$3 start end mark
  mkdir -p "$data/inbox/contacts/demo" "$data/staging"
  cp "$file" "$data/staging/$name"
  mark=$(last_seq 0)
  start=$(date +%s.%N)
  mv "$data/staging/$name" "$data/inbox/contacts/demo/$name"
  for _ in $(seq 6000); do [ -f "$data/reports/$name.summary.json" ] && break; sleep 0.05; done
  end=$(date +%s.%N)
  # the summary is written before the drop's last events leave: count the requests once they have
  sleep 1
  if [ -n "${BENCH_SHOW_REQUESTS:-}" ]; then
    curl -s "http://127.0.0.1:$port/sandbox/journal?since=$mark" | tr '{' '\n' \
      | sed -n 's/.*"method" *: *"\([A-Z]*\)".*"path" *: *"\([^"]*\)".*/\1 \2/p' | { grep -v ' /sandbox/' || true; } | sort | uniq -c | sed "s/^/  $name: /" >&2
  fi
  echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')" \
    "$(grep -o '"uploaded" : [0-9]*' "$data/reports/$name.summary.json" | grep -o '[0-9]*$')" \
    "$(requests_since "$mark")"
}

for run in $(seq "$runs"); do
  config="$work/config-$run" data="$work/data-$run"
  mkdir -p "$config/campaigns"
  sed "s/name: Demo Renewals/name: Warm $run $$/" config/campaigns/demo.yaml > "$config/campaigns/demo.yaml"
  cp -r config/dnc "$config/"
  java $java_opts ${BENCH_JAVA_OPTS:-} -Dgenesys.mode=live -Dgenesys.api-url="http://127.0.0.1:$port" \
    -Dgenesys.login-url="http://127.0.0.1:$port" -Dgenesys.client-id=sandbox-client \
    -Dgenesys.client-secret=sandbox-secret -Dgenesys.rate-limit.requests-per-window=1000000 \
    -Dcontacts.inbox.poll-delay-ms=200 -Dcontacts.inbox.quiet-ms=0 -Dobserve.enabled=false \
    -Dcampaigns.sync.cron="0 0 0 1 1 ? 2099" \
    -jar "$work/outbound-sync.jar" --config-dir "$config" --data-dir "$data" run >"$data.log" 2>&1 &
  runner=$!
  for _ in $(seq 600); do grep -q "Target:" "$data.log" 2>/dev/null && break; sleep 0.1; done
  read -r first first_up first_req < <(drop "$data" "$work/drop.csv" "drop-$run.csv")
  read -r again again_up again_req < <(drop "$data" "$work/nightly.csv" "nightly-$run.csv")
  read -r same same_up same_req < <(drop "$data" "$work/nightly.csv" "same-$run.csv")
  kill "$runner" && wait "$runner" 2>/dev/null || true
  runner=""
  echo "$first" >> "$work/first" && echo "$again" >> "$work/again" && echo "$same" >> "$work/same"
  printf 'run %d: first drop %.2f s (%d uploaded, %d requests); re-drop %.2f s (%d uploaded, %d requests);' \
    "$run" "$first" "$first_up" "$first_req" "$again" "$again_up" "$again_req"
  printf ' the same file again %.2f s (%d uploaded, %d requests)\n' "$same" "$same_up" "$same_req"
done
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
printf 'median of %d, from arrival to summary in a running run: first drop %.2f s, re-drop %.2f s, the same file' \
  "$runs" "$(median "$work/first")" "$(median "$work/again")"
printf ' again %.2f s\n' "$(median "$work/same")"
