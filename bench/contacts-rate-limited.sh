#!/usr/bin/env bash
# Rate-limit benchmark: a generated drop of N rows (default 600,000: two minutes' worth at the limit) uploaded by
# `once` to a sandbox that allows 300 requests a minute per token (the real service's default), with the client's
# own budget at its default. Prints the contacts uploaded per minute of the drop (the limit allows 300,000: 300
# requests of 1,000 contacts) and how many requests the sandbox answered with 429.
# Usage: bench/contacts-rate-limited.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-600000}
port=${BENCH_SANDBOX_PORT:-18090}
work=$(mktemp -d)
[ -f target/outbound-sync.jar ] || mvn -B -q package -DskipTests
# a copy: a rebuild while the benchmark runs would pull classes out from under the running JVMs
cp target/outbound-sync.jar "$work/outbound-sync.jar"
bench/generate-drop.sh "$work/drop.csv" "$rows" >/dev/null
java -Dsandbox.rate-limit-per-minute=300 -Dsandbox.journal-size=100000 -jar "$work/outbound-sync.jar" sandbox \
  --port "$port" >"$work/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/sandbox/journal" && break; sleep 0.2; done
mkdir -p "$work/data/inbox/contacts/demo" "$work/config/campaigns"
cp -r config/dnc config/application.properties "$work/config/"
sed "s/name: Demo Renewals/name: Rate Bench $$/" config/campaigns/demo.yaml > "$work/config/campaigns/demo.yaml"
cp "$work/drop.csv" "$work/data/inbox/contacts/demo/drop.csv"
touch -d "1 minute ago" "$work/data/inbox/contacts/demo/drop.csv" # past the inbox's quiet period
java -Dgenesys.mode=live -Dgenesys.api-url="http://127.0.0.1:$port" -Dgenesys.login-url="http://127.0.0.1:$port" \
  -Dgenesys.client-id=sandbox-client -Dgenesys.client-secret=sandbox-secret \
  -jar "$work/outbound-sync.jar" --config-dir "$work/config" --data-dir "$work/data" once >"$work/run.log" 2>&1
summary="$work/data/reports/drop.csv.summary.json"
curl -s "http://127.0.0.1:$port/sandbox/journal?path=/api/v2/" > "$work/journal.json"
python3 - "$summary" "$work/journal.json" <<'PY'
import json, sys
from datetime import datetime
summary = json.load(open(sys.argv[1]))
journal = json.load(open(sys.argv[2]))
uploads = [e for e in journal if e["method"] == "POST" and e["path"].endswith("/contacts") and e["status"] == 200]
too_many = sum(1 for e in journal if e["status"] == 429)
t = lambda e: datetime.fromisoformat(e["time"].replace("Z", "+00:00")).timestamp()
span = t(uploads[-1]) - t(uploads[0]) if len(uploads) > 1 else 0
minutes = summary["durationMs"] / 60000
print(f"{summary['uploaded']} contacts uploaded in {summary['durationMs'] / 1000:.1f} s of drop "
      f"({len(uploads)} requests, {len(journal)} API requests in all, {too_many} answered 429): "
      f"{summary['uploaded'] / minutes:,.0f} contacts a minute over the drop, "
      f"{(len(uploads) - 1) * 1000 / (span / 60):,.0f} a minute between the first and last upload")
PY
