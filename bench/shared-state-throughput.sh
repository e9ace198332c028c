#!/usr/bin/env bash
# The contacts throughput with the state on PostgreSQL (state.jdbc-url) beside the embedded state, same jar, same
# session: bench/contacts-throughput.sh runs RUNS times on the embedded state, then RUNS times on a new, empty
# database of the test server (scripts/test-postgres.sh), every run's drop into a new contact list (so the first run
# meets empty tables and the last one a table of RUNS x ROWS contacts). Prints both medians and the ratio.
# Target (issue 15): the shared state costs at most 30% of the embedded throughput.
# Usage: bench/shared-state-throughput.sh [--jar JAR] [ROWS (200000)] [RUNS (3)]
set -euo pipefail
cd "$(dirname "$0")/.."
jar_args=()
if [ "${1:-}" = "--jar" ]; then jar_args=(--jar "$(realpath "$2")"); shift 2; fi
rows=${1:-200000}
runs=${2:-3}
port=${PGTEST_PORT:-55432}
url=$(scripts/test-postgres.sh start | tail -1)
database="bench_$(date +%s)_$$"
PGPASSWORD=postgres psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtA \
  -c "create database $database owner outbound" >/dev/null
# the database is bound to the org it first serves: the sandboxes of all runs answer as one org
org=$(cat /proc/sys/kernel/random/uuid)
embedded=$(bash bench/contacts-throughput.sh "${jar_args[@]}" --no-cds "$rows" "$runs" | tee /dev/stderr | tail -1)
shared=$(BENCH_SANDBOX_OPTS="-Dsandbox.org.id=$org" \
  BENCH_JAVA_OPTS="-Dstate.jdbc-url=${url%/*}/$database -Dstate.jdbc-user=outbound -Dstate.jdbc-password=outbound" \
  bash bench/contacts-throughput.sh "${jar_args[@]}" --no-cds "$rows" "$runs" | tee /dev/stderr | tail -1)
e=$(grep -o '[0-9.]* s$' <<<"$embedded" | cut -d' ' -f1)
s=$(grep -o '[0-9.]* s$' <<<"$shared" | cut -d' ' -f1)
awk -v e="$e" -v s="$s" -v r="$runs" -v n="$rows" -v d="$database" 'BEGIN {
  printf "median of %d x %d rows: embedded %.2f s, shared state (PostgreSQL, database %s) %.2f s;", r, n, e, d, s
  printf " shared throughput = %.0f%% of embedded (target: at least 70%%)\n", 100 * e / s }'
