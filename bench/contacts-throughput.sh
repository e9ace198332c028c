#!/usr/bin/env bash
# Throughput benchmark: a generated drop of N rows (default 1,000,000) in the demo format, `once` from command
# start to exit, uploading to a sandbox without a rate limit that runs as a separate process on this machine (the
# jar's own sandbox, started afresh for each run: its cost is part of every run on one machine).
# Prints each run's wall time, rows/s and CPU seconds (the `once` process and the sandbox), then the median.
# With --baseline OLD.jar, the old jar runs too, interleaved with the new one run by run (old, new, new, old, ...) so
# both see the same machine, and the script prints both medians and the ratio (old median / new median).
# The new jar runs as the README runs it, with a Class Data Sharing archive (made here for the copy by the same
# training run the package step makes target/outbound-sync.jsa with); --no-cds runs it without.
# With --peer, the peer runs too (bench/peer/peer.mjs: the Node 20 script a team writes instead, with tutorial 003's
# checks, libphonenumber-js and batches of 1,000, two in flight, against the same kind of fresh sandbox), and its
# median and our ratio to it are printed. Each line has the CPU seconds and the peak RSS of the process timed
# (GNU time), the sandbox's CPU seconds apart.
# Usage: bench/contacts-throughput.sh [--baseline OLD.jar] [--jar NEW.jar] [--peer] [--no-cds] [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=""
jar=""
peer=""
cds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) baseline=$(realpath "$2"); shift 2 ;;
    --jar) jar=$(realpath "$2"); shift 2 ;;
    --no-cds) cds=""; shift ;;
    --peer) peer=1; shift ;;
    *) break ;;
  esac
done
rows=${1:-1000000}
runs=${2:-3}
port=${BENCH_SANDBOX_PORT:-18089}
work=$(mktemp -d)
# user + system CPU seconds a process has used so far
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
if [ -z "$jar" ]; then
  [ -f target/outbound-sync.jar ] || mvn -B -q package -DskipTests
  jar=target/outbound-sync.jar
fi
# copies: a rebuild while the benchmark runs would pull classes out from under the running JVMs
cp "$jar" "$work/new.jar"
labels=(new)
[ -z "$baseline" ] || { cp "$baseline" "$work/old.jar"; labels=(old new); }
if [ -n "$peer" ]; then
  [ -d bench/peer/node_modules ] || (cd bench/peer && npm ci --no-audit --no-fund >/dev/null)
  labels+=(peer)
  cp "$work/new.jar" "$work/peer.jar" # the peer's sandbox
fi
bench/generate-drop.sh "$work/drop.csv" "$rows" >/dev/null
declare -A java_opts=([old]="" [new]="" [peer]="")
if [ -n "$cds" ]; then
  bench/cds-train.sh "$work/new.jar" "$work/new.jsa" "$work/cds"
  java_opts[new]="-XX:SharedArchiveFile=$work/new.jsa"
fi
declare -A sandbox sandbox_port
trap 'kill "${sandbox[@]}" 2>/dev/null; wait 2>/dev/null; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$w"' EXIT
w=$work
i=0
for label in "${labels[@]}"; do sandbox_port[$label]=$((port + i)); i=$((i + 1)); done

# a fresh sandbox of the jar for each run (one that kept every earlier run's million contacts would spend the
# later runs collecting garbage); its start is not timed
fresh_sandbox() {
  local label=$1
  [ -z "${sandbox[$label]:-}" ] || { kill "${sandbox[$label]}" 2>/dev/null; wait "${sandbox[$label]}" 2>/dev/null || true; }
  java ${BENCH_SANDBOX_OPTS:-} -Dsandbox.rate-limit-per-minute=0 -Dsandbox.journal-size=0 -Xmx4g \
    -jar "$work/$label.jar" sandbox --port "${sandbox_port[$label]}" >>"$work/sandbox-$label.log" 2>&1 &
  sandbox[$label]=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:${sandbox_port[$label]}/sandbox/journal" && break; sleep 0.2; done
}

# one `once` of the given jar on a fresh data folder; prints the run's line and appends its seconds to times-LABEL
run_once() {
  local label=$1 run=$2 p=${sandbox_port[$1]} data="$work/data-$1-$2" config="$work/config-$1-$2"
  mkdir -p "$data/inbox/contacts/demo" "$config/campaigns"
  # a new list name per run, so every run uploads every row (nothing is unchanged)
  sed "s/name: Demo Renewals/name: Bench $label $run $$/" config/campaigns/demo.yaml > "$config/campaigns/demo.yaml"
  # no application.properties: each jar runs on the defaults it was built with (an old jar may not read today's file)
  cp -r config/dnc "$config/"
  cp "$work/drop.csv" "$data/inbox/contacts/demo/drop-$run.csv"
  # a complete export, written before: past the inbox's quiet period (contacts.inbox.quiet-ms)
  touch -d "1 minute ago" "$data/inbox/contacts/demo/drop-$run.csv"
  local sandbox_cpu_before start end
  fresh_sandbox "$label"
  sandbox_cpu_before=$(cpu_seconds "${sandbox[$label]}")
  start=$(date +%s.%N)
  if [ "$label" = peer ]; then
    /usr/bin/time -f '%U %S %M' -o "$work/time-$label-$run" node bench/peer/peer.mjs "http://127.0.0.1:$p" \
      "$data/inbox/contacts/demo/drop-$run.csv" "Bench peer $run $$" config/dnc/internal-dnc.txt \
      "$data/peer-rejects.csv" >"$work/run-$label-$run.log" 2>&1
  else
    /usr/bin/time -f '%U %S %M' -o "$work/time-$label-$run" java ${java_opts[$label]} ${BENCH_JAVA_OPTS:-} \
      -Dgenesys.mode=live -Dgenesys.api-url="http://127.0.0.1:$p" \
      -Dgenesys.login-url="http://127.0.0.1:$p" -Dgenesys.client-id=sandbox-client \
      -Dgenesys.client-secret=sandbox-secret -Dgenesys.rate-limit.requests-per-window=1000000 \
      -jar "$work/$label.jar" --config-dir "$config" --data-dir "$data" once >"$work/run-$label-$run.log" 2>&1
  fi
  end=$(date +%s.%N)
  local sandbox_cpu once_cpu rss uploaded
  sandbox_cpu=$(awk -v a="$sandbox_cpu_before" -v b="$(cpu_seconds "${sandbox[$label]}")" 'BEGIN { printf "%.1f", b - a }')
  once_cpu=$(tail -1 "$work/time-$label-$run" | awk '{ printf "%.1f", $1 + $2 }')
  rss=$(tail -1 "$work/time-$label-$run" | awk '{ printf "%.0f", $3 / 1024 }')
  if [ "$label" = peer ]; then
    uploaded=$(grep -o '"uploaded":[0-9]*' "$work/run-$label-$run.log" | grep -o '[0-9]*$')
  else
    uploaded=$(grep -o '"uploaded" : [0-9]*' "$data/reports/drop-$run.csv.summary.json" | grep -o '[0-9]*$')
  fi
  awk -v s="$start" -v e="$end" -v r="$rows" -v u="$uploaded" -v n="$run" -v l="$label" -v oc="$once_cpu" \
    -v sc="$sandbox_cpu" -v m="$rss" -v w="$work" 'BEGIN { t = e - s
      printf "%s run %d: %d rows (%d uploaded) in %.2f s: %.0f rows/s; CPU s: %s %s, sandbox %s; peak RSS %d MB\n",
        l, n, r, u, t, r / t, l == "peer" ? "peer" : "once", oc, sc, m
      printf "%.3f\n", t >> (w "/times-" l); printf "%s\n", oc >> (w "/cpu-" l); printf "%s\n", m >> (w "/rss-" l) }'
}

median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

for run in $(seq "$runs"); do
  order=("${labels[@]}")
  if [ $((run % 2)) -eq 0 ]; then order=(); for ((j = ${#labels[@]} - 1; j >= 0; j--)); do order+=("${labels[$j]}"); done; fi
  for label in "${order[@]}"; do run_once "$label" "$run"; done
done
new=$(median "$work/times-new")
if [ -n "$baseline" ]; then
  old=$(median "$work/times-old")
  awk -v o="$old" -v n="$new" -v r="$runs" -v b="$(basename "$baseline")" -v j="$(basename "$jar")" \
    'BEGIN { printf "median of %d: old (%s) %.2f s, new (%s) %.2f s; new is %.2fx as fast\n", r, b, o, j, n, o / n }'
else
  echo "median of $runs: $new s"
fi
for label in "${labels[@]}"; do
  printf '%s: median wall %.2f s, CPU %.1f s, peak RSS %.0f MB\n' "$label" "$(median "$work/times-$label")" \
    "$(median "$work/cpu-$label")" "$(median "$work/rss-$label")"
done
if [ -n "$peer" ]; then
  awk -v p="$(median "$work/times-peer")" -v n="$new" -v pc="$(median "$work/cpu-peer")" -v nc="$(median "$work/cpu-new")" \
    'BEGIN { printf "against the peer: wall %.2fx as fast (target 2x with once), CPU %.2fx the peer'"'"'s (target 0.5x)\n", p / n, nc / pc }'
fi
