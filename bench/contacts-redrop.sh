#!/usr/bin/env bash
# Nightly re-drop benchmark: a generated drop of N rows (default 1,000,000) in the demo format goes in first (`once`
# on a fresh data folder and a new list); then the same rows again under a new file name with 1% of them changed
# (a third each: another e-mail, another phone, another value in a plain column), `once` on the same data folder.
# Prints, per run, both times from command start to exit and the rows each uploaded (the re-drop should upload
# exactly the changed rows), then the medians and the ratio (first drop / re-drop).
# The sandbox runs in its own process, without a rate limit, from the same jar.
# The jar runs as the README runs it, with a Class Data Sharing archive (bench/cds-train.sh); --no-cds without.
# Usage: bench/contacts-redrop.sh [--jar JAR] [--no-cds] [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_SANDBOX_PORT:-18095}
source bench/redrop-setup.sh
changed=$(awk 'NR > 1 && (NR - 1) % 100 == 37' "$work/drop.csv" | wc -l)
java -Dsandbox.rate-limit-per-minute=0 -Dsandbox.journal-size=0 -Xmx6g -jar "$work/outbound-sync.jar" sandbox \
  --port "$port" >"$work/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/sandbox/journal" && break; sleep 0.2; done

# `once` on DATA with FILE dropped as NAME; prints "seconds uploaded"
once() {
  local config=$1 data=$2 file=$3 name=$4 start end
  mkdir -p "$data/inbox/contacts/demo"
  cp "$file" "$data/inbox/contacts/demo/$name"
  # a complete export, written before: past the inbox's quiet period (contacts.inbox.quiet-ms)
  touch -d "1 minute ago" "$data/inbox/contacts/demo/$name"
  start=$(date +%s.%N)
  java $java_opts ${BENCH_JAVA_OPTS:-} -Dgenesys.mode=live -Dgenesys.api-url="http://127.0.0.1:$port" \
    -Dgenesys.login-url="http://127.0.0.1:$port" -Dgenesys.client-id=sandbox-client \
    -Dgenesys.client-secret=sandbox-secret -Dgenesys.rate-limit.requests-per-window=1000000 \
    -jar "$work/outbound-sync.jar" --config-dir "$config" --data-dir "$data" once >>"$data.log" 2>&1
  end=$(date +%s.%N)
  echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')" \
    "$(grep -o '"uploaded" : [0-9]*' "$data/reports/$name.summary.json" | grep -o '[0-9]*$')"
}

for run in $(seq "$runs"); do
  config="$work/config-$run" data="$work/data-$run"
  mkdir -p "$config/campaigns"
  sed "s/name: Demo Renewals/name: Redrop $run $$/" config/campaigns/demo.yaml > "$config/campaigns/demo.yaml"
  cp -r config/dnc "$config/"
  read -r first first_up < <(once "$config" "$data" "$work/drop.csv" "drop-$run.csv")
  read -r again again_up < <(once "$config" "$data" "$work/nightly.csv" "nightly-$run.csv")
  echo "$first" >> "$work/first" && echo "$again" >> "$work/again"
  awk -v n="$run" -v f="$first" -v fu="$first_up" -v a="$again" -v au="$again_up" -v c="$changed" -v r="$rows" \
    'BEGIN { printf "run %d: first drop %d rows in %.2f s (%d uploaded); re-drop in %.2f s (%d uploaded, %d rows'\
' changed): %.2fx as fast\n", n, r, f, fu, a, au, c, f / a }'
done
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
awk -v f="$(median "$work/first")" -v a="$(median "$work/again")" -v r="$runs" \
  'BEGIN { printf "median of %d: first drop %.2f s, re-drop %.2f s; the re-drop is %.2fx as fast\n", r, f, a, f / a }'
