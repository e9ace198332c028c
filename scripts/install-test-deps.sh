#!/usr/bin/env bash
# Installs what the tests need beyond JDK 17 and Maven, when it is missing:
#   - Debian's chromium and chromium-driver, for the status page's browser test (StatusPageBrowserTest drives a
#     headless Chromium through Selenium; without them that test fails with the reason, it is never skipped).
#   - Debian's postgresql, the server the shared-state tests start on loopback (scripts/test-postgres.sh; without it
#     they fail with the reason).
# Run by .ci/run before the tests; safe to run again (does nothing when all is there).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: chromium, chromedriver and postgresql present"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    echo "test dependencies: ${missing[*]} missing, and this user cannot install them (not root, no sudo)." >&2
    echo "Fix: as root, apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
echo "test dependencies: installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
chromium --version
chromedriver --version
ls -d /usr/lib/postgresql/*/bin
