#!/usr/bin/env bash
# test_desk.sh — the service desk as an agent uses it: find-times on the
# 2026-10-25 Europe/Paris DST day, book, a conflict named (resource and
# booking) and refused (exit 5), --force flagged in the store, invalid
# requests (exit 3: local times that do not exist or occur twice, wrong
# resources), reschedule keeping the UID with SEQUENCE up and DTSTAMP new,
# cancel as STATUS:CANCELLED with a higher SEQUENCE, an unchanged booking's
# calendar byte-identical across exports; import ical; repair after new
# time off (what moved from where to where, what could not be placed).
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR, ORDO_SHARED_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
shared=${ORDO_SHARED_DIR:-$src/../shared}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_desk.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck source=ordo_steps.bash
. "$src/tests/e2e/ordo_steps.bash"

# has FILE REGEX WHAT / hasnt FILE REGEX WHAT
has() {
  checks=$((checks + 1))
  grep -qE -- "$2" "$1" || { fail "$3: no line matching /$2/ in $(basename "$1"):"; sed 's/^/    /' "$1" | head -20 >&2; }
}
hasnt() {
  checks=$((checks + 1))
  ! grep -qE -- "$2" "$1" || { fail "$3: a line matches /$2/ in $(basename "$1")"; }
}
same() {
  checks=$((checks + 1))
  cmp -s "$1" "$2" || { fail "$3: $1 and $2 differ"; diff "$1" "$2" | head -20 >&2; }
}
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); [print("|".join(map(str,r))) for r in c.execute(sys.argv[2])]; c.commit()' "$@"; }
# field NAME UID FILE: the value of property NAME in the VEVENT with UID
field() {
  tr -d '\r' <"$3" | awk -v uid="$2" -v name="$1" '
    /^BEGIN:VEVENT/ { inev = 1; u = ""; v = "" }
    inev && $0 ~ "^UID:" { u = substr($0, 5) }
    inev && index($0, name ":") == 1 { v = substr($0, length(name) + 2) }
    inev && index($0, name ";") == 1 { sub(/^[^:]*:/, ""); v = $0 }
    /^END:VEVENT/ { if (u == uid) print v; inev = 0 }'
}

# ---------------------------------------------------------------- data
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
EOF
{
  echo "resource,weekday,start,end"
  for r in tech1 tech2; do for d in MO TU WE TH FR SA SU; do echo "$r,$d,08:00,18:00"; done; done
} >"$data/working_hours.csv"
cat >"$data/services.csv" <<'EOF'
id,name,duration_minutes
repair,On-site repair,90
consult,Consultation,60
EOF
cat >"$data/requirements.csv" <<'EOF'
service,kind,count,skill,min_capacity
repair,person,1,repair,
repair,equipment,1,van,
consult,person,1,,
consult,room,1,,participants
EOF
cat >"$data/accounts.csv" <<'EOF'
id,name,relationship
acme,Acme,client
EOF
db="$tmp/desk.db"
step import 0 import "$data" --db "$db"

# ---------------------------------------------------------------- find-times
step help_find 0 find-times --help && has "$tmp/help_find.out" '^Usage: ordo find-times' "find-times --help"
step ft 0 find-times --db "$db" --service repair --after 2026-10-25 --before 2026-10-26 --count 3
has "$tmp/ft.out" '^2026-10-25T08:00:00\+01:00 2026-10-25T09:30:00\+01:00 paris tech1,van1 fragmentation=0 preferred=0$' \
  "first proposal on the DST day, in CET"
checks=$((checks + 1))
[ "$(wc -l <"$tmp/ft.out")" -eq 3 ] || fail "find-times --count 3 printed $(wc -l <"$tmp/ft.out") lines"
step ft_pref 0 find-times --db "$db" --service repair --after 2026-10-25T08:00 --before 2026-10-25T12:00 \
  --count 1 --prefer tech2
has "$tmp/ft_pref.out" '^2026-10-25T08:00:00\+01:00 .* tech2,van1 fragmentation=0 preferred=1$' "--prefer breaks the tie"
step ft_none 0 find-times --db "$db" --service consult --participants 10 --after 2026-10-26 --before 2026-10-27
has "$tmp/ft_none.out" '^no available time: capacity: no room seats 10 \(10 participants\)$' "why nothing fits"
step ft_badsvc 3 find-times --db "$db" --service nope
has "$tmp/ft_badsvc.err" "unknown service 'nope'" "unknown service named"
step ft_badtime 2 find-times --db "$db" --service repair --after 2026-10-25T25:00
step ft_nodb 2 find-times --service repair

# ---------------------------------------------------------------- book
step book1 0 book --db "$db" --service repair --start 2026-10-25T08:00 --resources van1,tech1 --customer acme
has "$tmp/book1.out" '^booked booking-1 \(UID ordo-session-[0-9]+@ordo\): 2026-10-25T08:00:00\+01:00 to 2026-10-25T09:30:00\+01:00 at paris with tech1,van1$' \
  "book prints id, UID, times and resources in requirement order"
uid1=$(sed -n 's/.*(UID \([^)]*\)).*/\1/p' "$tmp/book1.out")
step conflict 5 book --db "$db" --service repair --start 2026-10-25T09:00 --resources tech1,van1
has "$tmp/conflict.err" "resource 'tech1' is already booked by booking 'booking-1' \(id [0-9]+\) from 2026-10-25T08:00 to 2026-10-25T09:30" \
  "the conflict names the resource and the clashing booking"
has "$tmp/conflict.err" "resource 'van1' is already booked by booking 'booking-1'" "every conflict is listed"
step cust2 3 book --db "$db" --service repair --start 2026-10-25T08:30 --resources tech2 --customer acme
has "$tmp/cust2.err" "service 'repair' needs 2 resources; 1 given" "too few resources"
step cust3 0 book --db "$db" --service consult --start 2026-10-25T09:00 --resources tech2,room1 --customer acme --force
has "$tmp/cust3.err" "customer 'acme' already has booking 'booking-1'" "the customer's own booking is a conflict"
has "$tmp/cust3.out" '^booked booking-2 .*\[conflict flagged\]$' "--force flags the booking"
step forced 0 book --db "$db" --service repair --start 2026-10-25T09:00 --resources tech1,van1 --force
has "$tmp/forced.out" '^booked booking-3 ' "forced booking made"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT s.forced_conflict FROM sessions s WHERE s.course = 'booking-3'")" = 1 ] || fail "booking-3 not flagged in the store"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT forced_conflict FROM sessions WHERE course = 'booking-1'")" = 0 ] || fail "booking-1 flagged"
has <(sql "$db" "SELECT reason FROM sessions WHERE course = 'booking-3'") "^resource 'tech1' is already booked by booking 'booking-1'" \
  "the conflict is the forced booking's reason"

# invalid requests: exit 3, nothing changed
before=$(sha256sum "$db" | cut -d' ' -f1)
step gap 3 book --db "$db" --service repair --start 2027-03-28T02:30 --resources tech1,van1
has "$tmp/gap.err" "2027-03-28T02:30 does not exist in Europe/Paris" "a local time in the spring gap"
step fold 3 book --db "$db" --service repair --start 2026-10-25T02:30 --resources tech1,van1
has "$tmp/fold.err" "2026-10-25T02:30 occurs twice in Europe/Paris .*2026-10-25T02:30\+02:00 or 2026-10-25T02:30\+01:00" \
  "an ambiguous local time asks for the offset"
step fold2 3 book --db "$db" --service repair --start 2026-10-25T02:30+01:00 --resources tech1,van1
has "$tmp/fold2.err" "occurs twice" "an instant in the fold is refused too"
step wrongres 3 book --db "$db" --service repair --start 2026-10-26T10:00 --resources tech1,room1
has "$tmp/wrongres.err" "resource 'room1' \(room\) meets no requirement of service 'repair'" "wrong resource named"
step offgrid 3 book --db "$db" --service repair --start 2026-10-26T10:10 --resources tech1,van1
step unknownres 3 book --db "$db" --service repair --start 2026-10-26T10:00 --resources tech9,van1
step nostart 2 book --db "$db" --service repair --resources tech1,van1
step offhours 5 book --db "$db" --service repair --start 2026-10-26T17:00 --resources tech1,van1
has "$tmp/offhours.err" "resource 'tech1' does not work all of 2026-10-26T17:00 to 2026-10-26T18:30 \(working hours\)" "outside working hours"
checks=$((checks + 1))
[ "$(sha256sum "$db" | cut -d' ' -f1)" = "$before" ] || fail "a refused request changed the database"

# ---------------------------------------------------------------- calendars
step exp1 0 export ical --db "$db" --out "$tmp/ics1"
cp "$tmp/ics1/booking-1.ics" "$tmp/booking-1.before.ics"
has "$tmp/ics1/booking-3.ics" '^SEQUENCE:0' "a new booking has SEQUENCE 0"
uid3=$(tr -d '\r' <"$tmp/ics1/booking-3.ics" | sed -n 's/^UID://p')
stamp3=$(field DTSTAMP "$uid3" "$tmp/ics1/booking-3.ics")
sleep 1                                            # a later DTSTAMP for the move
step move 0 reschedule --db "$db" --booking booking-3 --start 2026-10-25T10:00 --resources tech1,van1
has "$tmp/move.out" '^moved booking-3 \(UID '"$uid3"'\): 2026-10-25T09:00:00\+01:00 to 2026-10-25T10:30:00\+01:00 at paris with tech1,van1 -> 2026-10-25T10:00:00\+01:00 to 2026-10-25T11:30:00\+01:00 at paris with tech1,van1 \(SEQUENCE 1\)$' \
  "reschedule reports from where to where"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT forced_conflict FROM sessions WHERE course = 'booking-3'")" = 0 ] || fail "a clean move keeps the flag"
step same 0 reschedule --db "$db" --booking booking-3 --start 2026-10-25T10:00
has "$tmp/same.out" 'already at' "a move to where it is changes nothing"
step exp2 0 export ical --db "$db" --out "$tmp/ics2"
same "$tmp/booking-1.before.ics" "$tmp/ics2/booking-1.ics" "an unchanged booking's calendar is byte-identical"
checks=$((checks + 1)); ! ls "$tmp"/ics2/course-booking-* >/dev/null 2>&1 || fail "a desk booking written as a course calendar"
checks=$((checks + 1))
[ "$(field SEQUENCE "$uid3" "$tmp/ics2/booking-3.ics")" = 1 ] || fail "SEQUENCE after a move is not 1"
checks=$((checks + 1))
[ "$(field DTSTART "$uid3" "$tmp/ics2/booking-3.ics")" = 20261025T100000 ] || fail "DTSTART after the move"
checks=$((checks + 1))
stamp3b=$(field DTSTAMP "$uid3" "$tmp/ics2/booking-3.ics")
[[ "$stamp3b" > "$stamp3" ]] || fail "DTSTAMP did not move forward ($stamp3 -> $stamp3b)"
checks=$((checks + 1))
[ "$(field SEQUENCE "$uid3" "$tmp/ics2/resource-tech1.ics")" = 1 ] || fail "the resource calendar has the moved event"

step cancel 0 cancel --db "$db" --booking booking-3
has "$tmp/cancel.out" "^cancelled booking-3 \(UID $uid3, SEQUENCE 2\)$" "cancel reports"
step cancel_again 5 cancel --db "$db" --booking booking-3
step cancel_unknown 3 cancel --db "$db" --booking booking-99
step move_cancelled 5 reschedule --db "$db" --booking booking-3 --start 2026-10-25T12:00
step exp3 0 export ical --db "$db" --out "$tmp/ics3"
checks=$((checks + 1))
[ "$(field STATUS "$uid3" "$tmp/ics3/booking-3.ics")" = CANCELLED ] || fail "cancelled booking not STATUS:CANCELLED"
checks=$((checks + 1))
[ "$(field SEQUENCE "$uid3" "$tmp/ics3/booking-3.ics")" = 2 ] || fail "SEQUENCE after cancel is not 2"
same "$tmp/booking-1.before.ics" "$tmp/ics3/booking-1.ics" "booking-1 still byte-identical"
# the freed slot is offered again
step ft_after 0 find-times --db "$db" --service repair --after 2026-10-25T09:30 --before 2026-10-25T12:00 --count 1
has "$tmp/ft_after.out" '^2026-10-25T09:30:00\+01:00 .* tech1,van1 ' "the cancelled booking's time is free again"
step csv 0 export csv --db "$db" --out "$tmp/csv/bookings.csv"
has "$tmp/csv/bookings.csv" '^booking-1,1,2026-10-25T08:00,2026-10-25T09:30,paris,tech1;van1,$' "bookings.csv lists the booking"
hasnt "$tmp/csv/bookings.csv" '^booking-3,' "no cancelled booking in bookings.csv"
if [ -x "$shared/tools/ics-check" ]; then
  for f in "$tmp/ics3/booking-1.ics" "$tmp/ics3/booking-3.ics" "$tmp/ics3/resource-tech1.ics"; do
    checks=$((checks + 1))
    "$shared/tools/ics-check" --no-khal --no-calcurse "$f" >"$tmp/icscheck.out" 2>&1 ||
      { fail "ics-check $(basename "$f")"; tail -5 "$tmp/icscheck.out" >&2; }
  done
fi

# ---------------------------------------------------------------- import ical
# tech2's own calendar: Mondays 08:00-12:00 from 2026-11-02 (the 9th
# excepted), and one all-day event
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//test//test//EN \
  BEGIN:VEVENT UID:mon@test DTSTAMP:20260101T000000Z SUMMARY:Standup \
  'DTSTART;TZID=Europe/Paris:20261102T080000' 'DTEND;TZID=Europe/Paris:20261102T120000' \
  'RRULE:FREQ=WEEKLY;COUNT=3' 'EXDATE;TZID=Europe/Paris:20261109T080000' END:VEVENT \
  BEGIN:VEVENT UID:day@test DTSTAMP:20260101T000000Z 'DTSTART;VALUE=DATE:20261104' END:VEVENT \
  BEGIN:VEVENT UID:free@test DTSTAMP:20260101T000000Z TRANSP:TRANSPARENT \
  DTSTART:20261105T080000Z DTEND:20261105T090000Z END:VEVENT END:VCALENDAR >"$tmp/tech2.ics"
step help_ical 0 import ical --help && has "$tmp/help_ical.out" '^Usage: ordo import ical' "import ical --help"
step ical 0 import ical --db "$db" --resource tech2 --from 2026-11-01 --to 2026-11-30 "$tmp/tech2.ics"
has "$tmp/ical.out" '^imported 3 busy periods of tech2 from .*tech2.ics \(2026-11-01 to 2026-11-30, source tech2.ics; 0 earlier rows replaced, 1 event ignored\)$' \
  "import ical reports"
step ical_again 0 import ical --db "$db" --resource tech2 --from 2026-11-01 --to 2026-11-30 "$tmp/tech2.ics"
has "$tmp/ical_again.out" '3 earlier rows replaced' "re-import replaces its own rows"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT count(*) FROM time_off WHERE resource = 'tech2' AND source = 'tech2.ics'")" = 3 ] || fail "time off rows after re-import"
step ical_conflict 5 book --db "$db" --service repair --start 2026-11-02T09:00 --resources tech2,van1
has "$tmp/ical_conflict.err" "resource 'tech2' is off from 2026-11-02T08:00 to 2026-11-02T12:00 \(Standup, from tech2.ics\)" \
  "the imported busy time is a named conflict"
step ical_free 0 book --db "$db" --service repair --start 2026-11-09T09:00 --resources tech2,van1
step ical_allday 5 book --db "$db" --service repair --start 2026-11-04T15:00 --resources tech2,van1
step ical_transp 0 book --db "$db" --service repair --start 2026-11-05T09:00 --resources tech2,van1
step ical_badres 3 import ical --db "$db" --resource nobody "$tmp/tech2.ics"
echo "not a calendar" >"$tmp/bad.ics"
step ical_bad 3 import ical --db "$db" --resource tech2 "$tmp/bad.ics"
has "$tmp/ical_bad.err" "bad.ics: not an iCalendar file" "a file that is not a calendar"

# ---------------------------------------------------------------- repair
# tech1 becomes unavailable 07:00-10:00 on the DST Sunday: booking-1
# (08:00-09:30) must move; tech2 is taken until 10:00, so it goes to 10:00
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//test//test//EN BEGIN:VEVENT UID:x@test \
  DTSTAMP:20260101T000000Z 'DTSTART;TZID=Europe/Paris:20261025T070000' \
  'DTEND;TZID=Europe/Paris:20261025T100000' END:VEVENT END:VCALENDAR >"$tmp/tech1.ics"
step ical1 0 import ical --db "$db" --resource tech1 --from 2026-10-01 --to 2026-12-31 "$tmp/tech1.ics"
step help_repair 0 repair --help && has "$tmp/help_repair.out" '^Usage: ordo repair' "repair --help"
step exp4 0 export ical --db "$db" --out "$tmp/ics4"
cp "$tmp/ics4/booking-2.ics" "$tmp/booking-2.before.ics"
step repair 0 repair --db "$db" --from 2026-10-01 --to 2026-12-31
has "$tmp/repair.out" "^moved booking 'booking-1' \(id [0-9]+\) from 2026-10-25T08:00:00\+01:00 tech1,van1 to 2026-10-25T10:00:00\+01:00 tech1,van1 \(120 min later, 0 resources changed\): resource 'tech1' is on time off then$" \
  "repair says what moved from where to where and why"
has "$tmp/repair.out" '^summary: infeasible 1 placed 1 not placed 0 others moved 0 displacement 120 min$' "repair summary"
step exp5 0 export ical --db "$db" --out "$tmp/ics5"
checks=$((checks + 1))
[ "$(field SEQUENCE "$uid1" "$tmp/ics5/booking-1.ics")" = 1 ] || fail "SEQUENCE after repair is not 1"
checks=$((checks + 1))
[ "$(field DTSTART "$uid1" "$tmp/ics5/booking-1.ics")" = 20261025T100000 ] || fail "DTSTART after repair"
same "$tmp/booking-2.before.ics" "$tmp/ics5/booking-2.ics" "repair leaves other bookings byte-identical"
before=$(sha256sum "$db" | cut -d' ' -f1)
step repair_again 0 repair --db "$db" --from 2026-10-01 --to 2026-12-31
has "$tmp/repair_again.out" '^summary: infeasible 0 placed 0' "nothing left to repair"
checks=$((checks + 1))
[ "$(sha256sum "$db" | cut -d' ' -f1)" = "$before" ] || fail "a repair with nothing to do changed the database"
# the van is gone for November: booking-4 (Nov 9) has no time within 7 days
printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//test//test//EN BEGIN:VEVENT UID:v@test \
  DTSTAMP:20260101T000000Z 'DTSTART;VALUE=DATE:20261101' 'DTEND;VALUE=DATE:20261201' END:VEVENT END:VCALENDAR >"$tmp/van.ics"
step icalv 0 import ical --db "$db" --resource van1 --from 2026-10-01 --to 2026-12-31 "$tmp/van.ics"
step repair_partial 4 repair --db "$db" --from 2026-10-01 --to 2026-12-31
has "$tmp/repair_partial.out" "^not placed: booking 'booking-4' \(id [0-9]+\) at 2026-11-09T09:00:00\+01:00 tech2,van1: resource 'van1' is on time off then; no time within reach has every requirement free \(left in place, flagged\)$" \
  "repair says what could not be placed"
has "$tmp/repair_partial.out" "^moved booking 'booking-5' .* to 2026-10-31T" "the other van booking moved before November"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT forced_conflict FROM sessions WHERE course = 'booking-4'")" = 1 ] || fail "unplaced session not flagged"
step repair_usage 2 repair --db "$db" --allow-moves -1

finish
