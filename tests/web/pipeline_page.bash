#!/usr/bin/env bash
# pipeline_page.bash ORDO EXAMPLES OUTDIR — the Kanban board test: installs
# playwright-core (npm ci) when missing, then runs pipeline_page.mjs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
mkdir -p "$3"
exec node "$here/pipeline_page.mjs" "$1" "$2" "$3"
