# The set-up the re-drop benchmarks share (sourced by bench/contacts-redrop.sh and bench/contacts-warm-run.sh, from
# the project's folder): the options --jar JAR and --no-cds, then ROWS (default 1,000,000) and RUNS (default 3); a
# work folder ($work) with a copy of the jar ($work/outbound-sync.jar) and, unless --no-cds, its Class Data Sharing
# archive ($java_opts); a generated drop ($work/drop.csv) and the same rows with 1 in 100 changed ($work/nightly.csv).
jar=""
cds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$(realpath "$2"); shift 2 ;;
    --no-cds) cds=""; shift ;;
    *) break ;;
  esac
done
rows=${1:-1000000}
runs=${2:-3}
work=$(mktemp -d)
if [ -z "$jar" ]; then
  [ -f target/outbound-sync.jar ] || mvn -B -q package -DskipTests
  jar=target/outbound-sync.jar
fi
cp "$jar" "$work/outbound-sync.jar"
java_opts=""
if [ -n "$cds" ]; then
  bench/cds-train.sh "$work/outbound-sync.jar" "$work/outbound-sync.jsa" "$work/cds"
  java_opts="-XX:SharedArchiveFile=$work/outbound-sync.jsa"
fi
bench/generate-drop.sh "$work/drop.csv" "$rows" >/dev/null
# 1 row in 100 changed (never a row the generator made invalid, withdrawn or duplicate: row % 100 == 37)
awk -F, -v OFS=, 'NR > 1 && (NR - 1) % 100 == 37 {
  k = int((NR - 1) / 100) % 3
  if (k == 0) sub(/@example\.com$/, "@example.org", $5)
  else if (k == 1) $12 = $12 + 1
  else { n = 2000000 + NR - 1; $4 = sprintf("317%03d%04d", 500 + int(n / 10000) % 100, n % 10000) }
} { print }' "$work/drop.csv" > "$work/nightly.csv"
