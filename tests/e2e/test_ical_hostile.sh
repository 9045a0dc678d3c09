#!/usr/bin/env bash
# test_ical_hostile.sh — `ordo import ical` on hostile and absurd calendars
# (issue 10): each refusal exits 3 within a generous `timeout`, names
# FILE:LINE and what is wrong, and leaves the database byte-identical (cmp);
# each tolerated oddity is imported with a warning naming the line, counted in
# the summary. Reproducers: a 10 MB line; FREQ=SECONDLY;BYMONTH=12;BYHOUR=9;
# BYMINUTE=0 in a 200-byte file (took 77 s); 2026-02-30, T240000, month 13,
# FREQ=BOGUS, INTERVAL=0, an unreadable FREEBUSY, zones with absurd offsets or
# no rules, invalid UTF-8, years outside 1900..9999; FREQ=HOURLY from 2010
# (imported nothing before) now gives every hour of the range.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -u
ORDO=${ORDO_BIN:?}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_ical_hostile.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

db=$tmp/plan.db
"$ORDO" import "$ORDO_SOURCE_DIR/examples/training" --db "$db" >/dev/null 2>&1 || fail "baseline import"
cp "$db" "$tmp/before.db"

cal() {   # name, then the lines between BEGIN:VCALENDAR and END:VCALENDAR
    local name=$1; shift
    { printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//hostile//EN\r\n'
      for l in "$@"; do printf '%s\r\n' "$l"; done
      printf 'END:VCALENDAR\r\n'; } >"$tmp/$name.ics"
}
event() {   # uid, then property lines
    local uid=$1; shift
    printf '%s\n' BEGIN:VEVENT "UID:$uid" "$@" END:VEVENT
}

refused() {   # name regex — exit 3, message, db unchanged, in time
    local name=$1 re=$2 rc
    timeout 10 "$ORDO" import ical --db "$db" --resource marie --from 2026-01-01 --to 2026-12-31 \
        "$tmp/$name.ics" >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    [ "$rc" = 3 ] || { fail "$name: exit $rc, expected 3"; head -c 300 "$tmp/$name.err"; }
    grep -Eq "$re" "$tmp/$name.err" || { fail "$name: no /$re/ in:"; head -c 400 "$tmp/$name.err"; }
    cmp -s "$db" "$tmp/before.db" || { fail "$name: database changed"; cp "$tmp/before.db" "$db"; }
    echo "$name: exit $rc: $(head -1 "$tmp/$name.err" | cut -c1-160)"
}

# --- bounds: reached in well under a second, not after minutes
mapfile -t ev < <(event s1 DTSTART:20260101T090000Z DTEND:20260101T100000Z \
                        'RRULE:FREQ=SECONDLY;BYMONTH=12;BYHOUR=9;BYMINUTE=0')
cal secondly "${ev[@]}"
refused secondly 'secondly\.ics:8: event .s1.: RRULE FREQ=SECONDLY takes about [0-9]+ steps'
{ printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:long\r\nDTSTART:20260301T090000Z\r\n'
  printf 'DTEND:20260301T100000Z\r\nSUMMARY:'; head -c $((10 << 20)) /dev/zero | tr '\0' x
  printf '\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'; } >"$tmp/longline.ics"
refused longline 'longline\.ics:8: a line longer than 1024 KiB \(unfolded\)'
# the same line folded into 75-byte pieces is still one line
{ printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:long\r\nDTSTART:20260301T090000Z\r\n'
  printf 'DTEND:20260301T100000Z\r\nSUMMARY:x\r\n'
  head -c $((2 << 20)) /dev/zero | tr '\0' x | fold -w 74 | sed 's/^/ /; s/$/\r/'
  printf 'END:VEVENT\r\nEND:VCALENDAR\r\n'; } >"$tmp/folded.ics"
refused folded 'folded\.ics:8: a line longer than 1024 KiB \(unfolded\)'
mapfile -t ev < <(event rows DTSTART:20260101T000000Z DTEND:20260101T000100Z \
    "RRULE:FREQ=DAILY;BYHOUR=$(seq -s, 0 23);BYMINUTE=0,10,20,30,40,50")
cal rows "${ev[@]}"
refused rows 'rows\.ics:[0-9]+: more than 20000 busy periods in the range'
mapfile -t ev < <(event never DTSTART:20260101T090000Z DTEND:20260101T100000Z \
                        'RRULE:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30')
cal never "${ev[@]}"
refused never 'never\.ics:8: event .never.: RRULE never occurs'

# --- garbage: refused, naming the line
for c in 'feb30 DTSTART:20260230T090000Z 2026-02-30 is not a date' \
         'h24 DTSTART:20260301T240000Z 24:00:00 is not a time of day' \
         'month13 DTSTART:20261301T090000Z month 13 does not exist' \
         'y1850 DTSTART:18500301T090000Z year 1850 is outside 1900..9999'; do
    set -- $c
    name=$1 line=$2; shift 2
    mapfile -t ev < <(event "$name" "$line" DURATION:PT1H)
    cal "$name" "${ev[@]}"
    refused "$name" "$name\\.ics:6: event '$name': DTSTART: $*"
done
mapfile -t ev < <(event y10000 DTSTART:100000301T090000Z DURATION:PT1H)
cal y10000 "${ev[@]}"
refused y10000 'y10000\.ics:6: libical cannot read this line: .*DTSTART'
mapfile -t ev < <(event bogus DTSTART:20260301T090000Z DURATION:PT1H 'RRULE:FREQ=BOGUS')
cal bogus "${ev[@]}"
refused bogus 'bogus\.ics:8: libical cannot read this line: .*RRULE.*FREQ=BOGUS'
mapfile -t ev < <(event interval0 DTSTART:20260301T090000Z DURATION:PT1H 'RRULE:FREQ=DAILY;INTERVAL=0')
cal interval0 "${ev[@]}"
refused interval0 'interval0\.ics:8: libical cannot read this line: .*INTERVAL=0'
mapfile -t ev < <(event until DTSTART:20260301T090000Z DURATION:PT1H 'RRULE:FREQ=DAILY;UNTIL=20260231T000000Z')
cal until "${ev[@]}"
refused until 'until\.ics:8: event .until.: RRULE: 2026-02-31 is not a date'
cal freebusy BEGIN:VFREEBUSY UID:fb 'FREEBUSY:20260301T090000Z/PT1H' 'FREEBUSY:tomorrow/later' END:VFREEBUSY
refused freebusy 'freebusy\.ics:7: libical cannot read this line: .*FREEBUSY.*tomorrow'
mapfile -t ev < <(event z 'DTSTART;TZID=Mars:20260301T090000' DURATION:PT1H)
cal offset BEGIN:VTIMEZONE TZID:Mars BEGIN:STANDARD DTSTART:19700101T000000 TZOFFSETFROM:+0000 \
    TZOFFSETTO:+9900 END:STANDARD END:VTIMEZONE "${ev[@]}"
refused offset "offset\\.ics:9: time zone 'Mars': offset of 99 hours"
cal norules BEGIN:VTIMEZONE TZID:Mars END:VTIMEZONE "${ev[@]}"
refused norules "norules\\.ics:[0-9]+: time zone 'Mars' has no STANDARD or DAYLIGHT rules"
cal zonefreq BEGIN:VTIMEZONE TZID:Mars BEGIN:STANDARD DTSTART:19700101T000000 TZOFFSETFROM:+0100 \
    TZOFFSETTO:+0100 RRULE:FREQ=SECONDLY END:STANDARD END:VTIMEZONE "${ev[@]}"
refused zonefreq "zonefreq\\.ics:10: time zone 'Mars': a rule with FREQ=SECONDLY"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20260301T090000Z\r\n' >"$tmp/unclosed.ics"
refused unclosed 'unclosed\.ics:1: BEGIN:VCALENDAR is never closed'
mapfile -t ev < <(event utf DTSTART:20260301T090000Z DURATION:PT1H "SUMMARY:caf$(printf '\xe9') ok")
cal utf8 "${ev[@]}"
refused utf8 'utf8\.ics:8: not valid UTF-8'

# --- tolerated, with a warning naming the line; the summary counts it
cp "$tmp/before.db" "$db"
mapfile -t ev < <(event ok DTSTART:20260301T090000Z DURATION:PT1H)
mapfile -t inner < <(event hidden DTSTART:20260302T090000Z DURATION:PT1H)
cal nested "${ev[@]}" BEGIN:VCALENDAR "${inner[@]}" END:VCALENDAR FOO:bar
timeout 10 "$ORDO" import ical --db "$db" --resource marie --from 2026-01-01 --to 2026-12-31 \
    "$tmp/nested.ics" >"$tmp/nested.out" 2>"$tmp/nested.err"
rc=$?
[ "$rc" = 0 ] || fail "nested: exit $rc"
grep -q 'nested\.ics:9: a VCALENDAR inside another one (lines 9 to 15) is skipped' "$tmp/nested.err" ||
    { fail "nested: no warning for the inner calendar"; cat "$tmp/nested.err"; }
grep -q 'nested\.ics:16: skipped: .*FOO' "$tmp/nested.err" || { fail "nested: no warning for FOO"; cat "$tmp/nested.err"; }
grep -q '^imported 1 busy period of marie .*0 events ignored, 2 warnings)$' "$tmp/nested.out" ||
    { fail "nested: summary"; cat "$tmp/nested.out"; }
echo "nested: exit $rc: $(cat "$tmp/nested.out")"

# --- a rule from 2010 reaches the range: every hour of January 2026
mapfile -t ev < <(event hourly DTSTART:20100104T090000Z DTEND:20100104T093000Z RRULE:FREQ=HOURLY)
cal hourly "${ev[@]}"
timeout 10 "$ORDO" import ical --db "$db" --resource marie --from 2026-01-01 --to 2026-01-31 \
    "$tmp/hourly.ics" >"$tmp/hourly.out" 2>"$tmp/hourly.err"
rc=$?
[ "$rc" = 0 ] || { fail "hourly: exit $rc"; cat "$tmp/hourly.err"; }
# Paris is UTC+1 in January: the local days 01-01..01-31 hold 31 x 24 starts
grep -q '^imported 744 busy periods of marie' "$tmp/hourly.out" || { fail "hourly: summary"; cat "$tmp/hourly.out"; }
echo "hourly: exit $rc: $(cat "$tmp/hourly.out")"

echo "test_ical_hostile: $fails failures"
[ "$fails" = 0 ]
