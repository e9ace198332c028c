#!/usr/bin/env bash
# Runs a command (a `java ... once`, say) and prints the CPU seconds its threads used, grouped by thread name
# (digits dropped: "C2 CompilerThread0" and "...1" count together), read from /proc every half second while it
# runs: where a run's CPU goes (the JIT, the reader, the uploads, the checks, GC), which the process's own total
# does not say. The last half second before exit is not seen. Linux only.
# Usage: bench/thread-cpu.sh COMMAND [ARGS...]
set -euo pipefail
"$@" &
pid=$!
declare -A cpu
hz=$(getconf CLK_TCK)
while kill -0 "$pid" 2>/dev/null; do
  for task in /proc/"$pid"/task/*; do
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    name=$(sed 's/[0-9#]*$//; s/ *$//' "$task/comm" 2>/dev/null) || continue
    # utime and stime are the 14th and 15th fields; the name in parentheses may hold spaces
    ticks=$(awk -F') ' '{ split($2, f, " "); print f[12] + f[13] }' <<<"$stat")
    cpu["$name|${task##*/}"]=$ticks
  done
  sleep 0.5
done
wait "$pid" || status=$?
for key in "${!cpu[@]}"; do echo "${key%|*}|${cpu[$key]}"; done \
  | awk -F'|' -v hz="$hz" '{ g[$1] += $2 } END { for (k in g) if (g[k] >= hz / 10) printf "%8.1f s  %s\n", g[k] / hz, k }' \
  | sort -rn >&2
exit "${status:-0}"
