#!/usr/bin/env bash
# demo.sh — the whole flow on the example training organisation:
# import examples/training into out/demo.db, plan 2026-10-12..2026-11-20,
# export calendars, bookings.csv and HTML timetables into out/.
# Needs a build first (see README): uses build/ordo, or $ORDO_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."

ordo=${ORDO_BIN:-build/ordo}
if [ ! -x "$ordo" ]; then
  echo "demo: $ordo not found; build first:" >&2
  echo "  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2" >&2
  exit 1
fi

mkdir -p out
rm -f out/demo.db out/demo.db-journal out/demo.db-wal out/demo.db-shm

"$ordo" import examples/training --db out/demo.db

# Exit 4 = plan saved but some sessions unscheduled: still worth exporting.
status=0
"$ordo" schedule --db out/demo.db --from 2026-10-12 --to 2026-11-20 || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 4 ]; then
  echo "demo: ordo schedule failed (exit $status)" >&2
  exit "$status"
fi

"$ordo" export csv --db out/demo.db --out out/bookings.csv
"$ordo" export ical --db out/demo.db --out out/ical
"$ordo" export html --db out/demo.db --out out/html

echo
echo "demo: done. Files:"
echo "  database          out/demo.db"
echo "  bookings          out/bookings.csv"
[ -f out/unscheduled.csv ] && echo "  unscheduled       out/unscheduled.csv (sessions that could not be placed, with reasons)"
echo "  calendars (.ics)  out/ical/"
echo "  timetables        out/html/index.html"
if [ "$status" -eq 4 ]; then
  echo "demo: some sessions could not be placed (exit 4 from ordo schedule): see out/unscheduled.csv"
fi
exit 0
