#!/bin/bash
# test_sites.sh — the courses.csv `site` column and the one-site rule through
# the ordo command, judged by check_plan.py:
#   a two-site organisation (Paris, Montréal) whose courses are restricted to
#   a site, to a list, or free -> import -> schedule -> export csv ->
#   check_plan.py (every hard rule, site list and one site per course
#   included; cost recomputed) and the Montréal customer's course in Montréal;
#   a course that cannot be held at its only site is unscheduled with a
#   reason naming the site;
#   an unknown site is refused at import (FILE:LINE: site:, exit 3) with the
#   database byte for byte unchanged;
#   a version-3 store (before the column) is upgraded when opened.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_sites.XXXXXX")
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$tmp"' EXIT
db="$tmp/plan.db"
FROM=2027-01-04
TO=2027-01-29

# shellcheck source=ordo_steps.bash
. "$here/ordo_steps.bash"      # fail, step, finish, ok, has, sql

in="$tmp/in"
mkdir -p "$in"
cat > "$in/sites.csv" <<'EOF'
id,name,timezone
paris,FormaPro Paris,Europe/Paris
montreal,FormaPro Montréal,America/Toronto
EOF
# Paris: two excel teachers, one sql teacher; Montréal: one excel teacher.
cat > "$in/resources.csv" <<'EOF'
id,name,kind,site,capacity,skills
ann,Ann,person,paris,,excel
paul,Paul,person,paris,,excel;sql
luc,Luc,person,montreal,,excel
p-room,Salle Monet,room,paris,12,
p-lab,Labo,room,paris,10,
m-room,Salle Papineau,room,montreal,12,
EOF
{
  echo "resource,weekday,start,end"
  for r in ann paul luc; do for d in MO TU WE TH FR; do echo "$r,$d,09:00,17:00"; done; done
} > "$in/working_hours.csv"
cat > "$in/services.csv" <<'EOF'
id,name,duration_minutes
excel,Excel day,180
sql,SQL morning,120
EOF
cat > "$in/requirements.csv" <<'EOF'
service,kind,count,skill,min_capacity
excel,person,1,excel,
excel,room,1,,participants
sql,person,1,sql,
sql,room,1,,participants
EOF
cat > "$in/accounts.csv" <<'EOF'
id,name,relationship
acme,Acme Paris,client
erable,Érable Montréal,client
EOF
# mtl-excel: the Montréal customer's course, only in Montréal; any-excel: free
# (one site, either); both-excel: a list; mtl-sql: no sql teacher in Montréal.
cat > "$in/courses.csv" <<'EOF'
id,title,service,customer,contract,sessions,participants,earliest,latest,min_days_between,cohort,site
acme-excel,Excel Paris,excel,acme,,4,8,2027-01-04,2027-01-29,2,,paris
mtl-excel,Excel Montréal,excel,erable,,5,8,2027-01-04,2027-01-29,2,,montreal
any-excel,Excel anywhere,excel,acme,,4,6,2027-01-04,2027-01-29,1,,
both-excel,Excel either,excel,erable,,3,6,2027-01-04,2027-01-22,1,,paris;montreal
mtl-sql,SQL Montréal,sql,erable,,2,6,2027-01-04,2027-01-29,1,,montreal
EOF

# ---------------------------------------------------------------- plan and check
step import 0 import "$in" --db "$db" || finish
step schedule 4 schedule --db "$db" --from $FROM --to $TO --quiet || finish
step export 0 export csv --db "$db" --out "$tmp/out/bookings.csv" || finish
checks=$((checks + 1))
if ! python3 "$here/check_plan.py" "$in" "$tmp/out/bookings.csv" --from $FROM --to $TO --cost \
     >"$tmp/check.out" 2>&1; then
  fail "check_plan.py rejects the plan:"; sed 's/^/    /' "$tmp/check.out" >&2
fi
has "$tmp/check.out" '^check_plan: 16 bookings OK \(2 unscheduled\)$' "check_plan summary"
# ordo's cost equals the independent recomputation
cost=$(sed -nE 's/^summary: placed [0-9]+\/[0-9]+ cost ([0-9.]+) .*/\1/p' "$tmp/schedule.err")
mine=$(sed -n 's/^cost: //p' "$tmp/check.out")
ok; awk -v c="$cost" -v m="$mine" 'BEGIN { d = c - m; exit !(c != "" && d <= 0.01 && d >= -0.01) }' ||
  fail "ordo reports cost '$cost', check_plan.py recomputes '$mine'"
# per course: the sites its bookings use (one each; the listed one)
sites_of() { awk -F, -v c="$1" '$1 == c { print $5 }' "$tmp/out/bookings.csv" | sort -u | tr '\n' ' '; }
ok; [ "$(sites_of mtl-excel)" = "montreal " ] || fail "mtl-excel planned at: $(sites_of mtl-excel)"
ok; [ "$(sites_of acme-excel)" = "paris " ] || fail "acme-excel planned at: $(sites_of acme-excel)"
for c in any-excel both-excel; do
  ok; [ "$(sites_of $c | wc -w)" -eq 1 ] || fail "$c planned at several sites: $(sites_of $c)"
done
ok; [ "$(awk -F, '$1 == "mtl-excel"' "$tmp/out/bookings.csv" | wc -l)" -eq 5 ] || fail "mtl-excel not fully placed"
# the course no Montréal teacher can give: unscheduled, the reason names the site
has "$tmp/out/unscheduled.csv" "^mtl-sql,1,site: no teacher with skill 'sql' at site montreal \(course mtl-sql may only use site montreal\)$" \
  "reason of mtl-sql"
# the store keeps the lists
ok; [ "$(sql "SELECT sites FROM courses WHERE id = 'both-excel'")" = "paris;montreal" ] ||
  fail "stored sites of both-excel: $(sql "SELECT sites FROM courses WHERE id = 'both-excel'")"

# ---------------------------------------------------------------- unknown site: refused, database unchanged
bad="$tmp/bad"
mkdir -p "$bad"
cp "$in/courses.csv" "$bad/courses.csv"
sed -i 's/^both-excel,\(.*\),paris;montreal$/both-excel,\1,paris;quebec/' "$bad/courses.csv"
ok; grep -q 'paris;quebec$' "$bad/courses.csv" || fail "fixture: quebec not set"
cp "$db" "$tmp/before.db"
step bad_import 3 import "$bad" --db "$db"
has "$tmp/bad_import.err" "^$bad/courses.csv:5: site: unknown site 'quebec'" "unknown site message"
ok; cmp -s "$db" "$tmp/before.db" || fail "the refused import changed the database"

# ---------------------------------------------------------------- a version-3 store is upgraded
old="$tmp/v3.db"
step import_v3 0 import "$in" --db "$old" || finish
python3 - "$old" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("ALTER TABLE courses DROP COLUMN sites")
c.execute("PRAGMA user_version = 3")
c.commit()
PY
step v3_export 0 export csv --db "$old" --out "$tmp/v3/bookings.csv"
db="$old"
ok; [ "$(sql "PRAGMA user_version")" = 8 ] || fail "v3 store not upgraded: version $(sql "PRAGMA user_version")"
ok; [ "$(sql "SELECT count(*) FROM courses WHERE sites = ''")" = 5 ] || fail "upgraded courses do not read as any site"
step v3_reimport 0 import "$in" --db "$old"
ok; [ "$(sql "SELECT sites FROM courses WHERE id = 'mtl-excel'")" = "montreal" ] || fail "re-import after upgrade"

finish
