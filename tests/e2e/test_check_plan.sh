#!/bin/bash
# test_check_plan.sh — tests of the independent plan checker (check_plan.py).
#
# Builds one small training-organisation folder by hand (two sites in two time
# zones, union working hours, time off, an hour bank, cohorts, a course across
# the Europe/Paris DST change of 2026-10-25) and a valid bookings.csv for it,
# then derives one broken plan (or input) per hard rule. Valid plans must pass
# with the exact booking count; each broken plan must fail (exit 1) naming the
# rule, and, where the breakage touches one rule only, naming no other rule
# (so the checker is tested for false alarms too).
set -u

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CHECK=("python3" "$HERE/check_plan.py")
mkdir -p "${ORDO_TMP:-/tmp}"
WORK="$(mktemp -d "${ORDO_TMP:-/tmp}/check_plan.XXXXXX")"
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$WORK"' EXIT
FAILS=0
COUNT=0
WINDOW=(--from 2026-03-01 --to 2026-11-30)

fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }

# ------------------------------------------------------------------ base input
BASE="$WORK/base"
mkdir -p "$BASE/in" "$BASE/out"
cat > "$BASE/in/sites.csv" <<'EOF'
id,name,timezone
PAR,Paris,Europe/Paris
LON,London,Europe/London
EOF
# printf for a BOM and CRLF line ends: the contract accepts both.
printf '\xef\xbb\xbfid,name,kind,site,capacity,skills,email\r\n%s\r\n%s\r\n%s\r\n%s\r\n%s\r\n%s\r\n%s\r\n' \
  'T1,Alice,person,PAR,,python;sql,alice@example.org' \
  'T2,Bob,person,PAR,,sql,' \
  'T3,Carol,person,LON,,python,' \
  'R1,Small room,room,PAR,4,projector,' \
  'R2,Big room,room,PAR,20,projector,' \
  '"R3","Thames room, 2nd floor",room,LON,12,projector,' \
  'R4,Lab,room,PAR,10,,' > "$BASE/in/resources.csv"
cat > "$BASE/in/working_hours.csv" <<'EOF'
resource,weekday,start,end
T1,MO,08:00,12:00
T1,MO,12:00,18:00
T1,TU,08:00,18:00
T1,WE,08:00,18:00
T1,TH,08:00,18:00
T1,FR,08:00,18:00
T2,MO,09:00,17:00
T2,TU,09:00,17:00
T2,WE,09:00,17:00
T3,TU,09:00,17:00
EOF
cat > "$BASE/in/time_off.csv" <<'EOF'
resource,start,end,reason
T1,2026-10-14T13:00,2026-10-14T18:00,dentist
T2,2026-10-20T00:00,2026-10-22T00:00,
EOF
cat > "$BASE/in/services.csv" <<'EOF'
id,name,duration_minutes
PY,Python day,180
SQ,SQL morning,120
EX,Exam,240
EOF
cat > "$BASE/in/requirements.csv" <<'EOF'
service,kind,count,skill,min_capacity
PY,person,1,python,
PY,room,1,projector,participants
SQ,person,1,sql,
SQ,room,1,,8
EX,room,1,,participants
EOF
cat > "$BASE/in/accounts.csv" <<'EOF'
id,name,relationship
ACME,Acme,client
GLOBEX,Globex,prospect
EOF
cat > "$BASE/in/contacts.csv" <<'EOF'
id,first_name,last_name,email,account,relationship
BOB1,Bob,Smith,bob@example.org,GLOBEX,client
EOF
# 9.5 h = 570 minutes; C1 books 3 x 180 = 540.
cat > "$BASE/in/contracts.csv" <<'EOF'
id,customer,start,end,hours
K1,ACME,2026-10-01,2026-11-30,9.5
EOF
cat > "$BASE/in/courses.csv" <<'EOF'
id,title,service,customer,contract,sessions,participants,earliest,latest,min_days_between,cohort
C1,Python basics,PY,ACME,K1,3,10,2026-10-12,2026-10-30,2,grpA
C2,SQL intro,SQ,ACME,,2,6,2026-10-12,2026-10-30,0,grpA;grpB
C3,Exam,EX,GLOBEX,,3,10,2026-03-01,2026-11-30,0,
C4,Python London,PY,BOB1,,1,5,2026-10-12,2026-10-30,0,
EOF
# Sorted by REAL start: C4#1 at 09:00 London (08:00Z) comes after C2#1 at
# 09:30 Paris (07:30Z); C1#3 and C3#1 start together and sort by course.
# C1#1 spans T1's two Monday rows (union). C3#2 crosses the DST change:
# 00:00 CEST to 03:00 CET is 240 real minutes.
cat > "$BASE/out/bookings.csv" <<'EOF'
course,session,start,end,site,resources
C1,1,2026-10-12T10:30,2026-10-12T13:30,PAR,T1;R2
C2,1,2026-10-13T09:30,2026-10-13T11:30,PAR,T2;R4
C4,1,2026-10-13T09:00,2026-10-13T12:00,LON,T3;R3
C2,2,2026-10-13T11:30,2026-10-13T13:30,PAR,T2;R4
C1,2,2026-10-14T09:00,2026-10-14T12:00,PAR,T1;R2
C1,3,2026-10-23T09:00,2026-10-23T12:00,PAR,T1;R2
C3,1,2026-10-23T09:00,2026-10-23T13:00,PAR,R4
C3,2,2026-10-25T00:00,2026-10-25T03:00,PAR,R2
C3,3,2026-10-26T09:00,2026-10-26T13:00,PAR,R2
EOF

# ------------------------------------------------------------------ helpers
# new_case NAME: a copy of the base folder; echoes its path.
new_case() {
  local d="$WORK/$1"
  rm -rf "$d"; cp -r "$BASE" "$d"; echo "$d"
}

# set_row FILE OLD NEW: replace the exact line OLD by NEW ("" deletes it).
# Fails the test if OLD is not there, so no case silently tests nothing.
set_row() {
  local file="$1" old="$2" new="$3"
  if ! grep -qxF -- "$old" "$file"; then
    fail "fixture: row '$old' not found in $file"; return 1
  fi
  awk -v o="$old" -v n="$new" '$0 == o { if (n != "") print n; next } { print }' \
    "$file" > "$file.tmp" && mv "$file.tmp" "$file"
}

# swap_rows FILE A B: exchange two exact lines.
swap_rows() {
  local file="$1" a="$2" b="$3"
  set_row "$file" "$a" "@@SWAP@@" && set_row "$file" "$b" "$a" && set_row "$file" "@@SWAP@@" "$b"
}

# run_check WANT NAME DIR [ARGS...]: one more case; runs the checker on DIR,
# its output in $out; fails the case (and returns 1) unless it exits WANT.
run_check() {
  local want="$1" name="$2" d="$3" rc; shift 3
  COUNT=$((COUNT + 1))
  out="$("${CHECK[@]}" "$d/in" "$d/out/bookings.csv" "$@" 2>&1)"; rc=$?
  if [ $rc -ne "$want" ]; then
    fail "$name: expected exit $want, got $rc:"; echo "$out" | sed 's/^/    /'; return 1
  fi
}

# expect_ok NAME DIR SUMMARY [ARGS...]: exit 0 and the exact summary line.
expect_ok() {
  local name="$1" d="$2" summary="$3"; shift 3
  run_check 0 "$name" "$d" "$@" || return
  if [ "$(echo "$out" | tail -n 1)" != "$summary" ]; then
    fail "$name: expected '$summary', got:"; echo "$out" | sed 's/^/    /'
  fi
}

# expect_rule NAME DIR RULE only|also [ARGS...]: exit 1 naming RULE; with
# "only", every violation printed names RULE.
expect_rule() {
  local name="$1" d="$2" rule="$3" mode="$4"; shift 4
  run_check 1 "$name" "$d" "$@" || return
  # The first ': rule: ' on each violation line (details come after it).
  local rules
  rules="$(echo "$out" | grep -v '^check_plan: \|^warning: ' |
           sed -nE 's/^[^ ]*( [^ :]+)?: ([a-z_]+): .*/\2/p')"
  if ! echo "$rules" | grep -qx "$rule"; then
    fail "$name: rule '$rule' not reported:"; echo "$out" | sed 's/^/    /'; return
  fi
  if [ "$mode" = only ] && echo "$rules" | grep -vqx "$rule"; then
    fail "$name: rules other than '$rule' reported:"; echo "$out" | sed 's/^/    /'
  fi
  if ! echo "$out" | tail -n 1 | grep -q '^check_plan: FAIL ('; then
    fail "$name: no FAIL summary line"; echo "$out" | sed 's/^/    /'
  fi
}

B=out/bookings.csv
C1_1='C1,1,2026-10-12T10:30,2026-10-12T13:30,PAR,T1;R2'
C1_2='C1,2,2026-10-14T09:00,2026-10-14T12:00,PAR,T1;R2'
C1_3='C1,3,2026-10-23T09:00,2026-10-23T12:00,PAR,T1;R2'
C2_1='C2,1,2026-10-13T09:30,2026-10-13T11:30,PAR,T2;R4'
C2_2='C2,2,2026-10-13T11:30,2026-10-13T13:30,PAR,T2;R4'
C3_1='C3,1,2026-10-23T09:00,2026-10-23T13:00,PAR,R4'
C3_2='C3,2,2026-10-25T00:00,2026-10-25T03:00,PAR,R2'
C3_3='C3,3,2026-10-26T09:00,2026-10-26T13:00,PAR,R2'
C4_1='C4,1,2026-10-13T09:00,2026-10-13T12:00,LON,T3;R3'

# ------------------------------------------------------------------ valid plans
expect_ok valid "$BASE" "check_plan: 9 bookings OK (0 unscheduled)" "${WINDOW[@]}"
expect_ok valid_all_placed "$BASE" "check_plan: 9 bookings OK (0 unscheduled)" "${WINDOW[@]}" --expect-all-placed
expect_ok valid_slot15 "$BASE" "check_plan: 9 bookings OK (0 unscheduled)" "${WINDOW[@]}" --slot 15

# An hour bank of exactly the booked minutes (9 h = 540) is not exceeded.
d=$(new_case bank_exact)
set_row "$d/in/contracts.csv" 'K1,ACME,2026-10-01,2026-11-30,9.5' 'K1,ACME,2026-10-01,2026-11-30,9'
expect_ok bank_exact "$d" "check_plan: 9 bookings OK (0 unscheduled)" "${WINDOW[@]}"

# Partly placed: C3#3 unscheduled (numbered after the placed ones), an end at
# 24:00 written as next day 00:00, and an unknown 'keyword:' (a warning only).
d=$(new_case partial)
set_row "$d/$B" "$C3_2" 'C3,2,2026-10-24T20:00,2026-10-25T00:00,PAR,R2'
set_row "$d/$B" "$C3_3" ''
printf 'course,session,reason\nC3,3,"availability: no room free, 10 seats"\n' > "$d/out/unscheduled.csv"
expect_ok partial "$d" "check_plan: 8 bookings OK (1 unscheduled)" "${WINDOW[@]}"
printf 'course,session,reason\nC3,3,weather: too windy\n' > "$d/out/unscheduled.csv"
expect_ok partial_unknown_keyword "$d" "check_plan: 8 bookings OK (1 unscheduled)" "${WINDOW[@]}"
out="$("${CHECK[@]}" "$d/in" "$d/$B" "${WINDOW[@]}" 2>&1)"
echo "$out" | grep -q "^warning: .*weather" || fail "partial_unknown_keyword: no warning for 'weather'"

# ------------------------------------------------------------------ one broken plan per rule
# broken NAME RULE only|also FILE OLD NEW [ARGS...]: the base case with one
# row of FILE (bookings or input) changed must fail naming RULE.
broken() {
  local name="$1" rule="$2" mode="$3" file="$4" old="$5" new="$6" d; shift 6
  d=$(new_case "$name")
  set_row "$d/$file" "$old" "$new" && expect_rule "$name" "$d" "$rule" "$mode" "${WINDOW[@]}" "$@"
}
K1='K1,ACME,2026-10-01,2026-11-30,9.5'
K1_=K1,ACME,2026-10-01
COURSE_C1='C1,Python basics,PY,ACME,K1,3,10,2026-10-12,2026-10-30,2,grpA'

# R2 already holds C1#3 from 09:00 to 12:00.
broken double_booking double_booking only $B "$C3_1" 'C3,1,2026-10-23T09:00,2026-10-23T13:00,PAR,R2'
# T1 starts at 08:00 on Mondays.
broken working_hours working_hours only $B "$C1_1" 'C1,1,2026-10-12T07:00,2026-10-12T10:00,PAR,T1;R2'
# T3 then works on Wednesdays only; C4#1 is on a Tuesday.
broken working_hours_day working_hours only in/working_hours.csv 'T3,TU,09:00,17:00' 'T3,WE,09:00,17:00'
# T1 is off from 13:00 on 2026-10-14.
broken time_off time_off only $B "$C1_2" 'C1,2,2026-10-14T12:00,2026-10-14T15:00,PAR,T1;R2'
# C1 and C2 share grpA; different resources.
broken cohort cohort only $B "$C2_1" 'C2,1,2026-10-12T11:00,2026-10-12T13:00,PAR,T2;R4'
# C2's own sessions overlap, on other resources.
broken course_overlap course_overlap only $B "$C2_2" 'C2,2,2026-10-13T10:30,2026-10-13T12:30,PAR,T1;R2'
# C1 needs 2 days between sessions.
broken min_days min_days only $B "$C1_2" 'C1,2,2026-10-13T14:00,2026-10-13T17:00,PAR,T1;R2'
# C1's latest date moved before its last session.
broken window window only in/courses.csv "$COURSE_C1" "${COURSE_C1/2026-10-30/2026-10-22}"
expect_rule planning_window "$BASE" planning_window only --from 2026-03-01 --to 2026-10-25
# 8.99 h = 539 minutes < 540 booked.
broken hour_bank hour_bank only in/contracts.csv "$K1" "$K1_,2026-11-30,8.99"
broken contract_dates contract_dates only in/contracts.csv "$K1" "$K1_,2026-10-20,9.5"
broken contract_customer contract_customer only in/contracts.csv "$K1" "${K1/ACME/GLOBEX}"
# T2 does not teach python.
broken skill skill only $B "$C1_1" "${C1_1/T1;/T2;}"
# R4 has no projector.
broken room_skill skill only $B "$C1_2" "${C1_2/;R2/;R4}"
# R1 has 4 seats, C1 has 10 participants.
broken capacity capacity only $B "$C1_1" "${C1_1/;R2/;R1}"
# SQ rooms need 8 seats (a number, not 'participants').
broken capacity_number capacity only in/resources.csv $'R4,Lab,room,PAR,10,,\r' $'R4,Lab,room,PAR,7,,\r'
# R3 is in London.
broken site site only $B "$C1_1" "${C1_1/;R2/;R3}"
# Paris resources, booking says London (same real start); C1's other
# sessions are in Paris, so one_site is reported too (and nothing else).
broken site_column site also $B "$C1_2" 'C1,2,2026-10-14T08:00,2026-10-14T11:00,LON,T1;R2'
echo "$out" | grep -v '^check_plan: ' | grep -vq ': \(site\|one_site\): ' &&
  fail "site_column: rules other than site and one_site reported: $out"
broken resources_count resources only $B "$C1_1" "${C1_1/;R2/}"
# Requirement-row order is person, then room.
broken resources_order kind only $B "$C1_1" "${C1_1/T1;R2/R2;T1}"
broken distinct distinct also $B "$C1_1" "${C1_1/;R2/;T1}"
broken slot_grid slot_grid only $B "$C1_1" 'C1,1,2026-10-12T10:15,2026-10-12T13:15,PAR,T1;R2'
expect_rule slot_grid_60 "$BASE" slot_grid only "${WINDOW[@]}" --slot 60
broken duration duration only $B "$C1_1" "${C1_1/T13:30/T14:00}"
# 00:00..04:00 on the DST day is 4 wall hours but 5 real hours.
broken duration_dst duration only $B "$C3_2" "${C3_2/T03:00/T04:00}"
# 21:00 to 01:00 next day.
broken one_day one_day only $B "$C3_1" 'C3,1,2026-10-23T21:00,2026-10-24T01:00,PAR,R4'

# 02:30 on 2026-03-29 does not exist in Paris (clocks jump 02:00 -> 03:00).
d=$(new_case dst_gap)
cat > "$d/$B" <<EOF
course,session,start,end,site,resources
C3,1,2026-03-29T02:30,2026-03-29T06:30,PAR,R2
$C1_1
$C2_1
$C4_1
$C2_2
$C1_2
$C1_3
C3,2,2026-10-23T09:00,2026-10-23T13:00,PAR,R4
C3,3,2026-10-26T09:00,2026-10-26T13:00,PAR,R2
EOF
expect_rule dst_gap "$d" dst only "${WINDOW[@]}"

# 02:30 on 2026-10-25 occurs twice in Paris.
broken dst_ambiguous dst only $B "$C3_2" 'C3,2,2026-10-25T02:30,2026-10-25T05:30,PAR,R2'

d=$(new_case sort_order)      # local-time order is not real-time order
swap_rows "$d/$B" "$C2_1" "$C4_1"
expect_rule sort_order "$d" sort_order only "${WINDOW[@]}"

d=$(new_case sort_course)     # same real start: C1 before C3
swap_rows "$d/$B" "$C1_3" "$C3_1"
expect_rule sort_course "$d" sort_order only "${WINDOW[@]}"

d=$(new_case numbering)
set_row "$d/$B" "$C1_1" 'C1,2,2026-10-12T10:30,2026-10-12T13:30,PAR,T1;R2'
set_row "$d/$B" "$C1_2" 'C1,1,2026-10-14T09:00,2026-10-14T12:00,PAR,T1;R2'
expect_rule numbering "$d" numbering only "${WINDOW[@]}"

# C3#3 neither placed nor unscheduled.
broken session_count session_count only $B "$C3_3" ''
broken header header only $B 'course,session,start,end,site,resources' 'course,session,start,end,resources,site'

# All sessions of a course at one site: C1#3 moved to London (T3 and R3 are
# free there on Tuesday 27 Oct; every other rule still holds).
d=$(new_case one_site)
set_row "$d/$B" "$C1_3" '' && echo 'C1,3,2026-10-27T09:00,2026-10-27T12:00,LON,T3;R3' >> "$d/$B"
expect_rule one_site "$d" one_site only "${WINDOW[@]}"

# The optional `site` column of courses.csv (site_case NAME C1 C4: the cells of
# courses C1 and C4, the others blank).
site_case() {
  local d; d=$(new_case "$1")
  sed -i -e '1s/$/,site/' -e '2,$s/$/,/' -e "s/^\(C1,.*\),\$/\1,$2/" -e "s/^\(C4,.*\),\$/\1,$3/" \
    "$d/in/courses.csv"
  echo "$d"
}
d=$(site_case site_list_ok 'PAR;LON' LON)
expect_ok site_list_ok "$d" "check_plan: 9 bookings OK (0 unscheduled)" "${WINDOW[@]}"
grep -qx 'C1,Python basics,PY,ACME,K1,3,10,2026-10-12,2026-10-30,2,grpA,PAR;LON' "$d/in/courses.csv" ||
  fail "site_list_ok: fixture did not set C1's site cell"
d=$(site_case site_list '' PAR)
expect_rule site_list "$d" site_list only "${WINDOW[@]}"
d=$(site_case site_unknown '' MTL)
COUNT=$((COUNT + 1))
out="$("${CHECK[@]}" "$d/in" "$d/$B" "${WINDOW[@]}" 2>&1)"; rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "courses.csv:5: site: unknown site 'MTL'" ||
  fail "site_unknown: expected exit 2 naming courses.csv:5 and the site, got $rc: $out"

# C3#3 unscheduled with the given unscheduled.csv row.
unscheduled_case() {
  local name="$1" row="$2" rule="$3"; shift 3
  local d; d=$(new_case "$name")
  set_row "$d/$B" "$C3_3" ''
  printf 'course,session,reason\n%s\n' "$row" > "$d/out/unscheduled.csv"
  expect_rule "$name" "$d" "$rule" only "${WINDOW[@]}" "$@"
}
unscheduled_case unscheduled_numbering 'C3,4,window: no free day' numbering
unscheduled_case unscheduled_present 'C3,3,availability: no room' unscheduled --expect-all-placed
unscheduled_case reason 'C3,3,No room free' reason

# Every violation is printed, not only the first.
d=$(new_case many)
set_row "$d/$B" "$C1_1" 'C1,1,2026-10-12T10:15,2026-10-12T13:15,PAR,T2;R1'
COUNT=$((COUNT + 1))
out="$("${CHECK[@]}" "$d/in" "$d/$B" "${WINDOW[@]}" 2>&1)"
for r in slot_grid skill capacity; do
  echo "$out" | grep -q "^bookings.csv:2: C1#1: $r: " ||
    fail "many: '$r' not reported on line 2:"$'\n'"$out"
done

# Bad usage and bad input exit 2.
COUNT=$((COUNT + 1))
"${CHECK[@]}" "$BASE/in" "$BASE/$B" --from 2026-13-01 --to 2026-11-30 >/dev/null 2>&1
[ $? -eq 2 ] || fail "bad --from: expected exit 2"
d=$(new_case bad_zone)
set_row "$d/in/sites.csv" 'LON,London,Europe/London' 'LON,London,Europe/Londres'
COUNT=$((COUNT + 1))
out="$("${CHECK[@]}" "$d/in" "$d/$B" "${WINDOW[@]}" 2>&1)"; rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q 'sites.csv:3: timezone' ||
  fail "bad zone: expected exit 2 naming sites.csv:3: timezone, got $rc: $out"

# ------------------------------------------------------------------ soft cost (--cost)
# Expected values by hand, from solver/README.md "Objective and soft goals"
# (weights same_person 10, same_room 5, spread 1, load 1, min_days 5,
# compactness 0). For the base plan:
#   same_person: every course keeps one teacher -> 0.
#   same_room: C3 uses R4 and R2, 1 room per session -> 1 x 5 = 5.
#   spread (ideal = max(min_days_between, floor((D-1)/(n-1))), D = days of
#     course window ∩ planning window, n = sessions in courses.csv):
#     C1 D=19 n=3 ideal max(2,9)=9, dates 12,14,23 Oct: gaps 2,9 -> 7;
#     C2 D=19 n=2 ideal 18, both on 13 Oct: gap 0 -> 18;
#     C3 D=275 (1 Mar..30 Nov) n=3 ideal 137, dates 23,25,26 Oct: gaps 2,1 -> 135+136;
#     C4 one session -> 0.  Sum 296.
#   load: T1 serves PY and SQ, T2 SQ, T3 PY (all three serve). T1 3x180=540,
#     T2 2x120=240, T3 180 minutes; mean 320; above it T1 220 -> 220/60 = 3.67.
#   compactness (cohort, local day): grpA 12 Oct C1#1, 14 Oct C1#2, 23 Oct
#     C1#3 are isolated; C2#1 ends 11:30 where C2#2 starts -> 3 (x 0).
# expect_cost NAME DIR COST TERMS [ARGS...]: exit 0, the exact two cost lines.
expect_cost() {
  local name="$1" d="$2" cost="$3" terms="$4"; shift 4
  run_check 0 "$name" "$d" --cost "$@" || return
  if [ "$(echo "$out" | grep '^cost')" != "cost: $cost"$'\n'"cost terms: $terms" ]; then
    fail "$name: expected 'cost: $cost' / 'cost terms: $terms', got:"; echo "$out" | sed 's/^/    /'
  fi
}
expect_cost cost_base "$BASE" 304.67 \
  "same_person 0.00 same_room 5.00 spread 296.00 load 3.67 min_days 0.00 compactness 0.00" \
  "${WINDOW[@]}"
# Without --cost no cost line.
COUNT=$((COUNT + 1))
"${CHECK[@]}" "$BASE/in" "$BASE/$B" "${WINDOW[@]}" | grep -q '^cost' && fail "cost printed without --cost"
# Weights: spread off, compactness 2 -> 5 + 3.67 + 3 x 2.
expect_cost cost_weights "$BASE" 14.67 \
  "same_person 0.00 same_room 5.00 spread 0.00 load 3.67 min_days 0.00 compactness 6.00" \
  "${WINDOW[@]}" --weight spread=0 --weight compactness=2
# C2#2 moved to 14:00, no longer touching C2#1: both are isolated in grpA and
# again in grpB (a course in two cohorts counts in each) -> 3 + 2 + 2 = 7.
d=$(new_case cost_compact)
set_row "$d/$B" "$C2_2" 'C2,2,2026-10-13T14:00,2026-10-13T16:00,PAR,T2;R4'
expect_cost cost_compact "$d" 22.67 \
  "same_person 0.00 same_room 5.00 spread 0.00 load 3.67 min_days 0.00 compactness 14.00" \
  "${WINDOW[@]}" --weight spread=0 --weight compactness=2
# A planning window of October only: C3's D = 31, ideal 15, gaps 2,1 -> 13+14;
# spread 7 + 18 + 27 = 52.
expect_cost cost_window "$BASE" 60.67 \
  "same_person 0.00 same_room 5.00 spread 52.00 load 3.67 min_days 0.00 compactness 0.00" \
  --from 2026-10-01 --to 2026-10-31
# C2#2 taught by T1: C2 has 2 teachers -> 10; loads T1 660, T2 120, T3 180,
# mean 320, above 340 -> 5.67.
d=$(new_case cost_person)
set_row "$d/$B" "$C2_2" "${C2_2/T2;/T1;}"
expect_cost cost_person "$d" 316.67 \
  "same_person 10.00 same_room 5.00 spread 296.00 load 5.67 min_days 0.00 compactness 0.00" \
  "${WINDOW[@]}"
# C3#3 unscheduled, C3#2 on 24 Oct: n stays 3 (courses.csv), ideal 137,
# gap 1 -> 136; spread 7 + 18 + 136 = 161.
d=$(new_case cost_partial)
set_row "$d/$B" "$C3_2" 'C3,2,2026-10-24T20:00,2026-10-25T00:00,PAR,R2'
set_row "$d/$B" "$C3_3" ''
printf 'course,session,reason\nC3,3,availability: no room\n' > "$d/out/unscheduled.csv"
expect_cost cost_partial "$d" 169.67 \
  "same_person 0.00 same_room 5.00 spread 161.00 load 3.67 min_days 0.00 compactness 0.00" \
  "${WINDOW[@]}"
# Load is over the persons that can serve some requirement: T4 (no matching
# skill) is left out, T5 (python, another site, never booked) counts:
# mean 960 / 4 = 240, above it T1 300 -> 5.00.
d=$(new_case cost_persons)
printf 'T4,Dan,person,PAR,,cooking,\r\nT5,Eve,person,LON,,python,\r\n' >> "$d/in/resources.csv"
expect_cost cost_persons "$d" 306.00 \
  "same_person 0.00 same_room 5.00 spread 296.00 load 5.00 min_days 0.00 compactness 0.00" \
  "${WINDOW[@]}"
COUNT=$((COUNT + 1))
"${CHECK[@]}" "$BASE/in" "$BASE/$B" "${WINDOW[@]}" --cost --weight speed=1 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--weight with an unknown term: expected exit 2"

echo "test_check_plan: $COUNT cases, $FAILS failures"
[ $FAILS -eq 0 ]
