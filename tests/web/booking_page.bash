#!/usr/bin/env bash
# booking_page.bash ORDO EXAMPLES OUTDIR — the booking page test: installs playwright-core
# (npm ci, from package-lock.json) when missing, then runs booking_page.mjs,
# which starts `ordo serve` itself and drives Debian's chromium.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
mkdir -p "$3"
exec node "$here/booking_page.mjs" "$1" "$2" "$3"
