#!/usr/bin/env bash
# Writes a demo-format CRM export of N rows (default 1,000,000) to FILE: realistic mixed phone formats, a few bad
# rows (about 1 in 200) and duplicates (about 1 in 500), unique otherwise.
# Usage: bench/generate-drop.sh FILE [N]
set -euo pipefail
file=${1:?usage: generate-drop.sh FILE [ROWS]}
rows=${2:-1000000}
awk -v rows="$rows" 'BEGIN {
  srand(42);
  split("North South East West International", regions, " ");
  print "externalId,firstName,lastName,phone,email,consent,doNotCall,age,region,engagementScore,lifetimeValue,leadAgeDays";
  for (i = 1; i <= rows; i++) {
    id = i; if (i % 500 == 0) id = i - 1;                     # a duplicate of the previous row
    n = 2000000 + i;                                           # 317-2xx-xxxx, unique per row
    area = 317; ex = int(n / 10000) % 1000; if (ex < 200) ex += 200; line = n % 10000;
    f = i % 4;
    if (f == 0) phone = sprintf("(%d) %03d-%04d", area, ex, line);
    else if (f == 1) phone = sprintf("+1 %d %03d %04d", area, ex, line);
    else if (f == 2) phone = sprintf("%d.%03d.%04d", area, ex, line);
    else phone = sprintf("%d%03d%04d", area, ex, line);
    consent = (i % 50 == 0) ? "no" : "yes";
    if (i % 200 == 7) phone = "not a phone";
    printf "CRM-%08d,First%d,Last%d,%s,user%d@example.com,%s,no,%d,%s,%.1f,%d.%02d,%d\n",
      id, i, i, phone, i, consent, 18 + i % 60, regions[1 + i % 5], (i % 100) / 10.0, i % 10000, i % 100, i % 365;
  }
}' > "$file"
echo "wrote $rows rows to $file ($(du -h "$file" | cut -f1))"
