#!/usr/bin/env bash
# race_schedule_desk.sh — the lost-update race of issue 8 with real
# processes, run N times: `ordo schedule` on a generated instance while
# other `ordo` processes, during the solve,
#   - add an account            (ordo account add),
#   - book a desk booking       (ordo book) on the resources and time the
#                               plan is about to use (learned first from the
#                               same deterministic run on a copy),
#   - import time off           (ordo import ical) over another planned session.
# After both, per run: lost changes (the account, the booking or the time
# off missing), double bookings (two planned/done sessions overlapping on one
# resource: SQL check) and planned sessions overlapping the new time off;
# plus the sessions the schedule reported as clashed. A run counts as
# "raced" when all three writes finished while the schedule was still
# running (else the writes came too late to race and the run says so).
#
# usage: benchmarks/race_schedule_desk.sh [--runs N] [--size S|M|L] [--seed N] [--work N] [--delay S]
#                                         [--baseline OTHER_ORDO]
#   --baseline  also run the same races with another build of ordo (e.g. one
#               built from a commit before the fix) and print its total line
#               as "baseline total: ..." for comparison in the same run
# Environment: ORDO_BIN (default build/ordo), GEN_BIN (default build/benchmarks/gen_training).
# Prints one line per run and a total line
#   total: runs N raced R lost_changes L double_bookings D time_off_overlaps O clashed C
# Exit 0 when L = D = O = 0, else 1.
set -u -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ORDO_BIN=${ORDO_BIN:-$root/build/ordo}
GEN_BIN=${GEN_BIN:-$root/build/benchmarks/gen_training}
runs=20 size=L seed=1 work=200 delay=1.0 baseline=""

die() { echo "race_schedule_desk: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --delay) delay=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[ -x "$ORDO_BIN" ] || die "ordo not found: $ORDO_BIN (set ORDO_BIN)"
[ -x "$GEN_BIN" ] || die "generator not found: $GEN_BIN (set GEN_BIN)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/race_schedule_desk.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
now=2026-12-01T00:00Z

"$GEN_BIN" --size "$size" --seed "$seed" --out "$tmp/data" >"$tmp/gen.out" || die "gen_training failed"
from=$(sed -n 's/^window: --from \([0-9-]*\) .*/\1/p' "$tmp/gen.out")
to=$(sed -n 's/^window: .* --to \([0-9-]*\).*/\1/p' "$tmp/gen.out")
"$ORDO_BIN" import "$tmp/data" --db "$tmp/base.db" >/dev/null || die "import failed"
schedule() { "$BIN" schedule --db "$1" --from "$from" --to "$to" --now "$now" --seed 1 --work "$work" --quiet; }

# learn the deterministic plan on a copy; pick two planned sessions on
# disjoint resources and times: X (to book over) and Y (to put time off over)
BIN=$ORDO_BIN
cp "$tmp/base.db" "$tmp/learn.db"
schedule "$tmp/learn.db" 2>/dev/null
python3 - "$tmp/learn.db" >"$tmp/pick" <<'PY' || die "no two disjoint planned sessions in the plan"
import sqlite3, sys, datetime
c = sqlite3.connect(sys.argv[1])
rows = c.execute("""SELECT s.id, s.start_utc, s.end_utc, s.resources, k.service, s.site
                    FROM sessions s JOIN courses k ON k.id = s.course
                    WHERE s.status = 'planned' AND k.is_booking = 0 ORDER BY s.start_utc, s.id""").fetchall()
def iso(m): return (datetime.datetime(1970, 1, 1) + datetime.timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%MZ")
def ical(m): return (datetime.datetime(1970, 1, 1) + datetime.timedelta(minutes=m)).strftime("%Y%m%dT%H%M00Z")
x = rows[len(rows) // 3]
for y in rows[len(rows) // 2:]:
    if not set(x[3].split(";")) & set(y[3].split(";")) and (y[1] >= x[2] or y[2] <= x[1]):
        print(x[4], iso(x[1]), x[3].replace(";", ","), y[3].split(";")[0], ical(y[1]), ical(y[2]))
        break
else:
    sys.exit(1)
PY
read -r svc start res off_res off_a off_b <"$tmp/pick"
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//ordo//race//EN BEGIN:VEVENT UID:race@ordo \
  DTSTAMP:20260101T000000Z SUMMARY:race "DTSTART:$off_a" "DTEND:$off_b" END:VEVENT END:VCALENDAR >"$tmp/off.ics"
echo "instance: size $size seed $seed, window $from..$to, schedule --work $work; booking $svc at $start on $res;" \
     "time off on $off_res $off_a..$off_b"

check() {   # DB -> "lost double overlaps"
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
lost = 0
lost += c.execute("SELECT count(*) FROM accounts WHERE id = 'race-acc'").fetchone()[0] != 1
lost += c.execute("SELECT count(*) FROM sessions s JOIN courses k ON k.id = s.course "
                  "WHERE k.is_booking = 1 AND s.status = 'planned'").fetchone()[0] != 1
lost += c.execute("SELECT count(*) FROM time_off WHERE source = 'race'").fetchone()[0] < 1
live = c.execute("SELECT id, start_utc, end_utc, resources FROM sessions "
                 "WHERE status IN ('planned', 'done')").fetchall()
by_res = {}
for sid, a, b, res in live:
    for r in (res or "").split(";"):
        if r:
            by_res.setdefault(r, []).append((a, b, sid))
double = 0
for r, iv in by_res.items():
    iv.sort()
    end = None
    for a, b, sid in iv:
        if end is not None and a < end:
            double += 1
        end = b if end is None else max(end, b)
print(lost, double)
PY
}

# races BIN LABEL: N runs with that build; returns 1 when anything was lost
races() {
BIN=$1 label=$2
tot_raced=0 tot_lost=0 tot_double=0 tot_over=0 tot_clash=0
for i in $(seq 1 "$runs"); do
  db="$tmp/run$i.db"
  cp "$tmp/base.db" "$db"
  schedule "$db" 2>"$tmp/sched$i.err" &
  pid=$!
  sleep "$delay"
  "$BIN" account add race-acc --name "Race account" --relationship client --db "$db" >/dev/null 2>"$tmp/acc$i.err"
  "$BIN" book --db "$db" --service "$svc" --start "$start" --resources "$res" >/dev/null 2>"$tmp/book$i.err"
  brc=$?
  "$BIN" import ical --db "$db" --resource "$off_res" --source race "$tmp/off.ics" >/dev/null 2>"$tmp/ical$i.err"
  irc=$?
  raced=0
  kill -0 "$pid" 2>/dev/null && raced=1
  wait "$pid"
  src=$?
  read -r lost double <<<"$(check "$db")"
  # planned sessions overlapping the time off imported meanwhile (local rows -> UTC in the site's zone)
  over=$(python3 - "$db" <<'PY'
import sqlite3, sys, datetime, zoneinfo
c = sqlite3.connect(sys.argv[1])
epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
def utc(d, m, tz):
    t = datetime.datetime.fromisoformat(d).replace(tzinfo=zoneinfo.ZoneInfo(tz)) + datetime.timedelta(minutes=m)
    return int((t - epoch).total_seconds() // 60)
n = 0
for r, sd, sm, ed, em, tz in c.execute(
        "SELECT t.resource, t.start_date, t.start_min, t.end_date, t.end_min, z.timezone FROM time_off t "
        "JOIN resources x ON x.id = t.resource JOIN sites z ON z.id = x.site WHERE t.source = 'race'").fetchall():
    a, b = utc(sd, sm, tz), utc(ed, em, tz)
    n += c.execute("SELECT count(*) FROM sessions WHERE status = 'planned' AND start_utc < ? AND end_utc > ? "
                   "AND (';' || resources || ';') LIKE ?", (b, a, '%;' + r + ';%')).fetchone()[0]
print(n)
PY
)
  clashed=$(sed -n 's/.* \([0-9]*\) planned sessions\{0,1\} clashed.*/\1/p' "$tmp/sched$i.err")
  clashed=${clashed:-0}
  echo "${label}run $i: raced $raced schedule_exit $src book_exit $brc ical_exit $irc lost $lost double $double clashed $clashed"
  tot_raced=$((tot_raced + raced)) tot_lost=$((tot_lost + lost)) tot_double=$((tot_double + double))
  tot_over=$((tot_over + over)) tot_clash=$((tot_clash + clashed))
  rm -f "$db" "$db-wal" "$db-shm"
done
echo "${label}total: runs $runs raced $tot_raced lost_changes $tot_lost double_bookings $tot_double time_off_overlaps $tot_over clashed $tot_clash"
[ "$tot_lost" -eq 0 ] && [ "$tot_double" -eq 0 ] && [ "$tot_over" -eq 0 ]
}

status=0
races "$ORDO_BIN" "" || status=1
if [ -n "$baseline" ]; then
  [ -x "$baseline" ] || die "baseline not found: $baseline"
  races "$baseline" "baseline " || true
fi
exit $status
