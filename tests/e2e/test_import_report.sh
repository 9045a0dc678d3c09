#!/usr/bin/env bash
# test_import_report.sh — nothing lost or changed without a word (import):
#  - every import reports rows added / updated / unchanged / removed per file,
#    and per resource where the replace rule dropped rows (figures asserted
#    exactly on tests/e2e/data/import_report);
#  - --dry-run prints the same report and leaves the database byte-identical;
#  - a misnamed file gets a warning naming the closest known name;
#  - a ';'-separated file (French Excel) is named as such, nothing changed;
#  - `ordo resource show` lists working hours, time off and sessions;
#  - a site's new time zone is refused (exit 5, database byte-identical)
#    unless --allow-timezone-change: then sessions keep their local time, their
#    SEQUENCE goes up in the exported .ics, and the one that no longer fits is
#    listed by the import and moved by `ordo repair`.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_import_report.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck source=ordo_steps.bash
. "$src/tests/e2e/ordo_steps.bash"

data=$src/tests/e2e/data/import_report
db=$tmp/r.db
# line FILE TEXT WHAT: FILE has a line exactly TEXT
line() { ok; grep -qxF -- "$2" "$1" || { fail "$3: no line '$2' in $(basename "$1"):"; sed 's/^/    /' "$1" | head -30 >&2; }; }
# hasnt FILE REGEX WHAT
hasnt() { ok; if grep -qE -- "$2" "$1"; then fail "$3: /$2/ found in $(basename "$1")"; fi; }
same_db() { ok; cmp -s "$db" "$1" || fail "$2: the database file changed"; }

# ---- first import: everything added ------------------------------------------------
step first 0 import "$data" --db "$db" || finish
line "$tmp/first.out" "sites.csv: 2 added" "first import, sites"
line "$tmp/first.out" "resources.csv: 3 added" "first import, resources"
line "$tmp/first.out" "working_hours.csv: 4 added" "first import, working hours"
line "$tmp/first.out" "time_off.csv: 4 added" "first import, time off"
line "$tmp/first.out" "requirements.csv: 1 added" "first import, requirements"
line "$tmp/first.out" \
  "not in the folder (tables left as they are): accounts.csv, contacts.csv, contracts.csv, courses.csv" \
  "first import names the absent files"

# ---- the same folder again: everything unchanged, nothing per resource ----------------
step again 0 import "$data" --db "$db" || finish
line "$tmp/again.out" "sites.csv: 2 unchanged" "re-import, sites"
line "$tmp/again.out" "time_off.csv: 4 unchanged" "re-import, time off"
line "$tmp/again.out" "working_hours.csv: 4 unchanged" "re-import, working hours"
hasnt "$tmp/again.out" "^  " "re-import lists no resource"

# ---- a time_off.csv holding one sick day (the issue), a renamed person, misnamed files -----
v2=$tmp/v2
mkdir -p "$v2"
printf 'resource,start,end,reason\nann,2027-04-06T00:00,2027-04-07T00:00,Sick\n' >"$v2/time_off.csv"
printf 'id,name,kind,site,capacity,skills\nann,Ann,person,hq,,talk\nbob,Robert,person,hq,,talk\n' \
  >"$v2/resources.csv"
printf 'resource,weekday,start,end\nbob,MO,08:00,18:00\nbob,WE,09:00,12:00\n' >"$v2/working_hours.csv"
printf 'resource,start,end,reason\n' >"$v2/Time_Off.csv"
printf 'id,name,kind,site,capacity,skills\n' >"$v2/rooms.csv"
cp "$db" "$tmp/before.db"
step dry 0 import "$v2" --db "$db" --dry-run || finish
same_db "$tmp/before.db" "--dry-run"
line "$tmp/dry.out" "resources.csv: 1 updated, 1 unchanged" "dry run, resources"
line "$tmp/dry.out" "  resources: bob: updated (name)" "dry run, bob renamed"
line "$tmp/dry.out" "working_hours.csv: 1 added, 1 unchanged, 1 removed (replace rule)" "dry run, working hours"
line "$tmp/dry.out" "  working_hours: bob: 1 added, 1 unchanged, 1 removed (replace rule)" "dry run, bob's hours"
line "$tmp/dry.out" "time_off.csv: 1 added, 3 removed (replace rule)" "dry run, time off"
line "$tmp/dry.out" "  time_off: ann: 1 added, 3 removed (replace rule)" "dry run, ann's time off"
has "$tmp/dry.out" "^dry run: nothing written" "dry run says so"
line "$tmp/dry.err" "warning: $v2/Time_Off.csv is not read; did you mean time_off.csv?" "misnamed Time_Off.csv"
line "$tmp/dry.err" "warning: $v2/rooms.csv is not read; did you mean resources.csv?" "misnamed rooms.csv"
# a dry run into a database that does not exist yet creates nothing
step dry_new 0 import "$data" --db "$tmp/new.db" --dry-run
ok; [ ! -e "$tmp/new.db" ] || fail "--dry-run created $tmp/new.db"

step apply 0 import "$v2" --db "$db" || finish
cp "$tmp/dry.out" "$tmp/dry.cmp"
sed -n '/^dry run: /!p' "$tmp/dry.out" >"$tmp/dry.rows"
sed -n '/^imported /!p' "$tmp/apply.out" >"$tmp/apply.rows"
ok; cmp -s "$tmp/dry.rows" "$tmp/apply.rows" || fail "the dry run's report differs from the import's"
ok; [ "$(sql "SELECT count(*) FROM time_off")" = 2 ] || fail "time_off rows after the import: $(sql "SELECT count(*) FROM time_off")"

# ---- resource show --------------------------------------------------------------------
expect 0 show resource show ann --now 2027-01-01T00:00Z
line "$tmp/show.out" "resource ann (Ann): person at site hq (Africa/Abidjan)" "show: header"
line "$tmp/show.out" "  SU 01:00-03:00" "show: Sunday hours"
line "$tmp/show.out" "  TU off" "show: a day off"
line "$tmp/show.out" "time off (local time): 1 upcoming, 0 past" "show: time off count (the replace rule left one row)"
line "$tmp/show.out" "  upcoming 2027-04-06T00:00 .. 2027-04-07T00:00  Sick (csv)" "show: the sick day"
expect 0 show_bob resource show bob --now 2027-04-20T00:00Z
line "$tmp/show_bob.out" "  WE 09:00-12:00" "show: bob's new hours"
line "$tmp/show_bob.out" "time off (local time): 0 upcoming, 1 past" "show: bob's past time off"
line "$tmp/show_bob.out" "  past     2027-04-13T00:00 .. 2027-04-14T00:00  (csv)" "show: a time off without reason"
expect 3 show_none resource show nobody
has "$tmp/show_none.err" "no resource 'nobody'" "show: unknown id"

# ---- a ';'-separated file -------------------------------------------------------------
semi=$tmp/semi
mkdir -p "$semi"
printf 'id;name;timezone\r\nhq;Head office;UTC\r\n' >"$semi/sites.csv"
cp "$db" "$tmp/before.db"
step semi 3 import "$semi" --db "$db"
same_db "$tmp/before.db" "';' file"
has "$tmp/semi.err" "^$semi/sites.csv:1: header: the file uses ';' as separator .*needs ','" "';' named"

# ---- time zone change -----------------------------------------------------------------
expect 0 book_sun book --service talk --start 2027-03-28T02:00 --resources ann
expect 0 book_mon book --service talk --start 2027-03-29T09:00 --resources bob
expect 0 ical0 export ical --out "$tmp/ical0"
has "$tmp/ical0/booking-1.ics" "^SEQUENCE:0" "sequence before"
tz=$tmp/tz
mkdir -p "$tz"
printf 'id,name,timezone\nhq,Head office,Europe/Paris\n' >"$tz/sites.csv"
cp "$db" "$tmp/before.db"
step tz_refused 5 import "$tz" --db "$db"
same_db "$tmp/before.db" "refused time zone change"
has "$tmp/tz_refused.err" "^$tz/sites.csv:2: timezone: site 'hq' is stored with time zone Africa/Abidjan; .*--allow-timezone-change" \
  "refusal names file, line, field and the option"
step tz_dry 0 import "$tz" --db "$db" --allow-timezone-change --dry-run --now 2027-01-01T00:00Z
same_db "$tmp/before.db" "time zone change, dry run"
step tz 0 import "$tz" --db "$db" --allow-timezone-change --now 2027-01-01T00:00Z || finish
line "$tmp/tz.out" "sites.csv: 1 updated" "tz: sites"
line "$tmp/tz.out" "  sites: hq: updated (timezone)" "tz: the field named"
line "$tmp/tz.out" "sites.csv:2: site 'hq': time zone Africa/Abidjan -> Europe/Paris: its sessions keep their local times" "tz: named"
line "$tmp/tz.out" "2 sessions re-timed (SEQUENCE raised: calendars update them)" "tz: count"
has "$tmp/tz.out" "^  booking 'booking-2' \(id [0-9]+\): 2027-03-29T09:00:00\+00:00 -> 2027-03-29T09:00:00\+02:00 \(same local time, SEQUENCE 1\)$" \
  "tz: monday booking keeps 09:00"
has "$tmp/tz.out" "^  booking 'booking-1' \(id [0-9]+\): 2027-03-28T02:00:00\+00:00 -> 2027-03-28T03:00:00\+02:00 \(its local start 2027-03-28T02:00 does not exist" \
  "tz: the DST gap is said"
has "$tmp/tz.out" "^no longer fits: booking 'booking-1' \(id [0-9]+\) at 2027-03-28T03:00:00\+02:00: resource 'ann' does not work then$" \
  "tz: the session that no longer fits"
has "$tmp/tz.out" "^1 session no longer fits: run 'ordo repair" "tz: repair advised"
expect 0 ical1 export ical --out "$tmp/ical1"
has "$tmp/ical1/booking-2.ics" "^SEQUENCE:1" "sequence raised (monday)"
has "$tmp/ical1/booking-2.ics" "^DTSTART;TZID=Europe/Paris:20270329T090000" "monday still 09:00 local"
has "$tmp/ical1/booking-1.ics" "^SEQUENCE:1" "sequence raised (sunday)"
# re-importing the same zone is no change at all
step tz_again 0 import "$tz" --db "$db"
line "$tmp/tz_again.out" "sites.csv: 1 unchanged" "tz again: unchanged"
hasnt "$tmp/tz_again.out" "re-timed" "tz again: nothing re-timed"
# repair finds the same session
expect 0 repair repair --from 2027-03-01 --to 2027-04-30
has "$tmp/repair.out" "^moved booking 'booking-1' .*resource 'ann' does not work then" "repair moves it"

# ---- new time off under a booked session: listed for repair --------------------------------
expect 0 book_mon2 book --service talk --start 2027-04-19T10:00 --resources bob
off=$tmp/off
mkdir -p "$off"
printf 'resource,start,end,reason
bob,2027-04-19T00:00,2027-04-20T00:00,Training
' >"$off/time_off.csv"
step off 0 import "$off" --db "$db" || finish
line "$tmp/off.out" "time_off.csv: 1 added, 1 removed (replace rule)" "new time off: figures"
has "$tmp/off.out" "^no longer fits: booking 'booking-3' \(id [0-9]+\) at 2027-04-19T10:00:00\+02:00: resource 'bob' is on time off then$" \
  "new time off: the booking under it is listed"
line "$tmp/off.out" "1 session no longer fits: run 'ordo repair --db $db'" "new time off: repair advised"

finish
