#!/usr/bin/env bash
# test_view.sh — what people see of a plan with a forced double booking, a
# time off and a 1 h 15 min session on the 2026-10-25 Europe/Paris DST day
# and after: `ordo conflicts` lists every conflict; bookings.csv flags both
# sides; the calendars exist for every resource (an unused one too), desk
# bookings as booking-N.ics (never course-booking-N), the forced one with
# [CONFLICT] and X-ORDO-CONFLICT, durations in words, all accepted by
# ics-check --libical; the HTML timetables rendered in headless chromium:
# blocks at their real start, heights proportional to durations, the
# conflict drawn red, nothing covering anything, no text cut off
# (tests/web/check_layout.py on measurements written by tests/web/measure.js),
# with screenshots kept in $ORDO_TMP/view-shots for a person to look at.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR, ORDO_SHARED_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
shared=${ORDO_SHARED_DIR:-$src/../shared}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_view.XXXXXX")
shots="${ORDO_TMP:-/tmp}/view-shots"
mkdir -p "$shots"
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck source=ordo_steps.bash
. "$src/tests/e2e/ordo_steps.bash"

has() {
  checks=$((checks + 1))
  grep -qE -- "$2" "$1" || { fail "$3: no line matching /$2/ in $(basename "$1"):"; sed 's/^/    /' "$1" | head -20 >&2; }
}
hasnt() {
  checks=$((checks + 1))
  ! grep -qE -- "$2" "$1" || fail "$3: a line matches /$2/ in $(basename "$1")"
}

data="$tmp/data"
mkdir -p "$data"
cat >"$data/sites.csv" <<'EOF'
id,name,timezone
paris,Paris workshop,Europe/Paris
EOF
cat >"$data/resources.csv" <<'EOF'
id,name,kind,site,capacity,skills
tech1,Ada Tech,person,paris,,repair
tech2,Bob Tech,person,paris,,repair
room1,Small room,room,paris,4,
van1,Van one,equipment,paris,,van
van2,Van two,equipment,paris,,van
EOF
{
  echo "resource,weekday,start,end"
  for r in tech1 tech2; do for d in MO TU WE TH FR SA SU; do echo "$r,$d,08:00,18:00"; done; done
} >"$data/working_hours.csv"
cat >"$data/time_off.csv" <<'EOF'
resource,start,end,reason
tech1,2026-10-25T14:00,2026-10-25T16:00,Dentist
EOF
cat >"$data/services.csv" <<'EOF'
id,name,duration_minutes
repair,On-site repair,90
coach,Coaching,75
EOF
cat >"$data/requirements.csv" <<'EOF'
service,kind,count,skill,min_capacity
repair,person,1,repair,
repair,equipment,1,van,
coach,person,1,,
coach,room,1,,participants
EOF
cat >"$data/accounts.csv" <<'EOF'
id,name,relationship
acme,Acme Industries,client
EOF
db="$tmp/view.db"
step import 0 import "$data" --db "$db"
# 25 Oct 2026 is the day Paris leaves summer time (03:00 CEST -> 02:00 CET).
step b1 0 book --db "$db" --service repair --start 2026-10-25T08:00 --resources tech1,van1 --customer acme
step b2 0 book --db "$db" --service repair --start 2026-10-25T09:00 --resources tech1,van1 --customer acme --force
has "$tmp/b2.out" '\[conflict flagged\]' "the second booking is forced"
step b3 0 book --db "$db" --service coach --start 2026-10-26T10:30 --resources tech2,room1 --customer acme

# ---------------------------------------------------------------- ordo conflicts
step conflicts_help 0 conflicts --help
has "$tmp/conflicts_help.out" '^Usage: ordo conflicts --db FILE' "conflicts --help"
step conflicts_usage 2 conflicts
step conflicts 0 conflicts --db "$db"
has "$tmp/conflicts.out" '^2026-10-25T08:00-09:30 paris: double booking of tech1: On-site repair for acme \(session 1/1\) and On-site repair for acme \(session 1/1\)$' \
  "the double booking of tech1"
has "$tmp/conflicts.out" '^2026-10-25T08:00-09:30 paris: double booking of van1: ' "the double booking of van1"
has "$tmp/conflicts.out" "^2026-10-25T09:00-10:30 paris: On-site repair for acme \(session 1/1\) booked with --force: resource 'tech1' is already booked" \
  "the forced booking and its reason"
has "$tmp/conflicts.out" '^3 conflicts$' "the count"
checks=$((checks + 1))
[ "$(wc -l <"$tmp/conflicts.out")" -eq 4 ] || fail "ordo conflicts printed $(wc -l <"$tmp/conflicts.out") lines, expected 4"

# ---------------------------------------------------------------- bookings.csv
step csv 0 export csv --db "$db" --out "$tmp/csv/bookings.csv"
has "$tmp/csv/bookings.csv" '^course,session,start,end,site,resources,conflict$' "bookings.csv header with conflict"
has "$tmp/csv/bookings.csv" '^booking-1,1,2026-10-25T08:00,2026-10-25T09:30,paris,tech1;van1,double booking: Ada Tech also in ' \
  "the first booking flagged"
has "$tmp/csv/bookings.csv" "^booking-2,1,2026-10-25T09:00,2026-10-25T10:30,paris,tech1;van1,double booking: .*; resource 'tech1' is already booked" \
  "the forced booking flagged with its reason"
has "$tmp/csv/bookings.csv" '^booking-3,1,2026-10-26T10:30,2026-10-26T11:45,paris,tech2;room1,$' "a clean booking has no conflict"

# ---------------------------------------------------------------- calendars
step ical 0 export ical --db "$db" --out "$tmp/ics"
for f in resource-tech1 resource-tech2 resource-room1 resource-van1 resource-van2 booking-1 booking-2 booking-3; do
  checks=$((checks + 1))
  [ -f "$tmp/ics/$f.ics" ] || fail "no calendar $f.ics"
done
checks=$((checks + 1))
! ls "$tmp"/ics/course-booking-* >/dev/null 2>&1 || fail "desk bookings written as course calendars"
hasnt "$tmp/ics/resource-van2.ics" 'BEGIN:VEVENT' "the unused van's calendar is empty"
has "$tmp/ics/booking-2.ics" '^SUMMARY:\[CONFLICT\] On-site repair' "the forced booking's summary says CONFLICT"
has "$tmp/ics/booking-2.ics" "^X-ORDO-CONFLICT:resource 'tech1' is already booked" "X-ORDO-CONFLICT carries the reason"
hasnt "$tmp/ics/booking-1.ics" 'CONFLICT' "the first booking's event keeps its own state (its SEQUENCE did not change)"
has "$tmp/ics/booking-3.ics" '^DESCRIPTION:Duration: 1 h 15 min\\nCustomer: Acme Industries' "duration in words, customer by name"
for f in resource-tech1 resource-van2 booking-2; do
  checks=$((checks + 1))
  "$shared/tools/ics-check" --libical "$tmp/ics/$f.ics" >"$tmp/$f.check" 2>&1 ||
    { fail "ics-check $f.ics"; tail -5 "$tmp/$f.check" >&2; }
done
cp -r "$tmp/ics" "$tmp/ics.before"
step ical2 0 export ical --db "$db" --out "$tmp/ics"
checks=$((checks + 1))
diff -r "$tmp/ics.before" "$tmp/ics" >/dev/null || fail "re-export of an unchanged plan is not byte-identical"

# ---------------------------------------------------------------- HTML in chromium
step html 0 export html --db "$db" --out "$tmp/html"
checks=$((checks + 1))
! ls "$tmp"/html/course-booking-* >/dev/null 2>&1 || fail "desk bookings written as course pages"
has "$tmp/html/index.html" 'href="booking-2.html"' "the index links the booking page"
has "$tmp/html/booking-2.html" '<p class="sub">desk booking booking-2: On-site repair for Acme Industries' "a desk booking's page says so, customer by name"
has "$tmp/html/resource-tech1.html" 'class="off" style="top:360px;height:120px">Time off: Dentist' "tech1's time off drawn 14:00-16:00 (the hours widened to show it)"
has "$tmp/html/resource-tech2.html" '10:30.11:45 \(1 h 15 min\)' "duration in words"
has "$tmp/html/resource-tech1.html" '<b class="x" title="CONFLICT">⚠</b> 08:00' "the conflict is flagged on the block"
has "$tmp/html/resource-tech1.html" "^<li>25 Oct 2026 09:00 On-site repair for acme \(session 1/1\): double booking: Ada Tech also in .*; resource &#39;tech1&#39; is already booked" \
  "the conflict list says what clashes"
chrome=/usr/bin/chromium
if [ ! -x "$chrome" ]; then
  fail "no $chrome (scripts/setup.sh installs it)"
else
  for page in resource-tech1 resource-tech2 booking-2; do
    { cat "$tmp/html/$page.html"; printf '<script>\n'; cat "$src/tests/web/measure.js"; printf '</script>\n'; } \
      >"$tmp/html/$page.measure.html"
    checks=$((checks + 1))
    timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
      --window-size=1400,900 --dump-dom "file://$tmp/html/$page.measure.html" >"$tmp/$page.dom" 2>"$tmp/$page.chrome.err" ||
      fail "chromium could not render $page.html"
    checks=$((checks + 1))
    /usr/bin/python3 "$src/tests/web/check_layout.py" "$tmp/$page.dom" >"$tmp/$page.layout" 2>&1 ||
      { fail "layout of $page.html:"; sed 's/^/    /' "$tmp/$page.layout" >&2; }
    timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
      --window-size=1400,900 --screenshot="$shots/$page.png" "file://$tmp/html/$page.html" >/dev/null 2>&1
    checks=$((checks + 1))
    [ -s "$shots/$page.png" ] || fail "no screenshot of $page.html"
  done
  has "$tmp/resource-tech1.layout" '^measured: B [0-9]+ 2026-10-25 0 90 .* 480 570 1 ' "booking-1 at 08:00 (top 0), 1 h 30 min = 90 px, in conflict"
  has "$tmp/resource-tech1.layout" '^measured: B [0-9]+ 2026-10-25 60 90 .* 540 630 1 ' "booking-2 at 09:00 (60 px), in conflict"
  has "$tmp/resource-tech1.layout" '^measured: OFF 2026-10-25 360 120$' "time off 14:00-16:00 as the browser lays it out"
fi

finish
