#!/usr/bin/env bash
# Runs every test (README's second command): installs what the tests need when missing, then dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages: fonts for PNG/PDF rendering, poppler for PDF checks, PostgreSQL 15 for store/registry tests,
# chromium for the dashboard's browser tests.
need=()
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# Debian chromium and its driver for the dashboard's browser tests (ProdStatus.Bot.BrowserTests).
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# moto_server (S3 fake for the Butler datastore tests) is on the image; a fresh machine gets it in a venv.
moto_missing=0
command -v moto_server >/dev/null 2>&1 || { moto_missing=1; need+=(python3-venv); }
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "$moto_missing" = 1 ]; then
  # Only where a Python package index is reachable; without moto_server the S3 tests fail and say so.
  { python3 -m venv /opt/moto && /opt/moto/bin/pip install -q 'moto[server]==5.2.1' && export PATH="/opt/moto/bin:$PATH"; } \
    || echo "warning: moto_server is not installed and could not be; the S3 datastore tests will fail" >&2
fi

set +e
dotnet test ProdStatus.Bot.sln -c Release 2>&1 | tee /tmp/prodstat-test.log
status=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' /tmp/prodstat-test.log | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' /tmp/prodstat-test.log | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' /tmp/prodstat-test.log | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
