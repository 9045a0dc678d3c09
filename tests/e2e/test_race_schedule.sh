#!/usr/bin/env bash
# test_race_schedule.sh — `ordo schedule` racing real `ordo` processes that
# add an account, book a desk booking on a resource/time the plan uses and
# import time off while it solves (benchmarks/race_schedule_desk.sh, two
# runs on the M instance): nothing the others wrote is lost, no resource is
# double-booked, no planned session overlaps the new time off.
set -u -o pipefail
src=${ORDO_SOURCE_DIR:?}
bin=${ORDO_BIN:?}
gen=$(dirname "$bin")/benchmarks/gen_training
[ -x "$gen" ] || { echo "test_race_schedule: $gen not built (ORDO_BUILD_BENCH=ON needed)" >&2; exit 1; }
mkdir -p "${ORDO_TMP:-/tmp}"
out=$(TMPDIR=${ORDO_TMP:-/tmp} ORDO_BIN=$bin GEN_BIN=$gen bash "$src/benchmarks/race_schedule_desk.sh" \
        --runs 2 --size M --work 200 --delay 0.3 2>&1)
rc=$?
echo "$out"
echo "$out" | grep -qE '^total: runs 2 raced [0-9]+ lost_changes 0 double_bookings 0 time_off_overlaps 0 ' ||
  { echo "FAIL: changes lost or double bookings (see above)" >&2; exit 1; }
[ "$rc" -eq 0 ] || { echo "FAIL: race script exit $rc" >&2; exit 1; }
echo "ok"
