#!/usr/bin/env bash
# Makes a Class Data Sharing archive for a jar the way the package step makes target/outbound-sync.jsa (pom.xml,
# exec-maven-plugin): a run of `once` on the bundled sample drop against the embedded sandbox, with
# -XX:ArchiveClassesAtExit. An archive names the jar it was made for, so a benchmark's copy of the jar needs its own.
# Usage: bench/cds-train.sh JAR ARCHIVE WORK_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$1 archive=$2 work=$3
mkdir -p "$work/data/inbox/contacts/demo" "$work/config/campaigns"
cp config/campaigns/demo.yaml "$work/config/campaigns/" && cp -r config/dnc "$work/config/"
cp -p config/samples/demo-contacts.csv "$work/data/inbox/contacts/demo/"
java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds*=error -jar "$jar" --config-dir "$work/config" \
  --data-dir "$work/data" once >"$work/training.log" 2>&1 || true
[ -f "$archive" ] || { echo "no archive made for $jar; see $work/training.log" >&2; exit 1; }
