#!/usr/bin/env bash
# test_email_check.sh — an e-mail address carrying a line break
# ("a@b<CR><LF>ATTENDEE:mailto:evil@x", the iCal injection of issue 10) is
# refused on every path that stores one, and the database is left as it was:
# (1) CSV import (contacts.csv and resources.csv): exit 3 with FILE:LINE:COL
# style position; (2) `ordo contact add --email`: non-zero exit naming the
# email field; (3) POST /v1/contacts on `ordo serve`: HTTP 400 naming the
# field "email". A plain address is accepted on each path (the check is not
# refusing everything). Environment: ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -u
ORDO=${ORDO_BIN:?}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_email_check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ex=$ORDO_SOURCE_DIR/examples/training
db=$tmp/plan.db
"$ORDO" import "$ex" --db "$db" >/dev/null 2>&1 || fail "baseline import"
sum() { sha256sum "$db" | cut -d' ' -f1; }
before=$(sum)
evil=$'a@b\r\nATTENDEE:mailto:evil@x'

# (1) CSV: a quoted cell with CR LF in contacts.csv, line 3, column 4.
mkdir "$tmp/c"; cp "$ex"/*.csv "$tmp/c/"
{ head -2 "$ex/contacts.csv"; printf 'eve,Eve,Evil,"%s",acme,client\n' "$evil"; } >"$tmp/c/contacts.csv"
"$ORDO" import "$tmp/c" --db "$db" >"$tmp/c.out" 2>"$tmp/c.err"; rc=$?
[ "$rc" = 3 ] || fail "csv contact: exit $rc, expected 3"
grep -q 'contacts\.csv:3:' "$tmp/c.err" && grep -qi 'email' "$tmp/c.err" ||
    { fail "csv contact: no contacts.csv:3 / email in:"; cat "$tmp/c.err"; }
[ "$(sum)" = "$before" ] || fail "csv contact: database changed"
# resources.csv: the email column of a person.
mkdir "$tmp/r"; cp "$ex"/*.csv "$tmp/r/"
python3 - "$ex/resources.csv" "$tmp/r/resources.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
h = rows[0]
if "email" not in h:
    h.append("email"); [r.append("") for r in rows[1:]]
rows[1][h.index("email")] = "a@b\r\nATTENDEE:mailto:evil@x"
csv.writer(open(sys.argv[2], "w", newline="")).writerows(rows)
PY
"$ORDO" import "$tmp/r" --db "$db" >"$tmp/r.out" 2>"$tmp/r.err"; rc=$?
[ "$rc" = 3 ] || fail "csv resource: exit $rc, expected 3"
grep -q 'resources\.csv:2:' "$tmp/r.err" && grep -qi 'email' "$tmp/r.err" ||
    { fail "csv resource: no resources.csv:2 / email in:"; cat "$tmp/r.err"; }
[ "$(sum)" = "$before" ] || fail "csv resource: database changed"
for bad in 'a b@x.example' '"a"@x.example' 'a@@x.example' 'a@x..example' $'a@x\tb'; do
    "$ORDO" contact add bad1 --first-name B --last-name C --email "$bad" --db "$db" >/dev/null 2>"$tmp/b.err" &&
        fail "contact add accepted email '$bad'"
done

# (2) CRM command.
"$ORDO" contact add eve --first-name Eve --last-name Evil --email "$evil" --db "$db" >"$tmp/a.out" 2>"$tmp/a.err"; rc=$?
[ "$rc" != 0 ] || fail "contact add: exit 0 for a multi-line email"
grep -q 'email' "$tmp/a.err" || { fail "contact add: message does not name email:"; cat "$tmp/a.err"; }
[ "$(sum)" = "$before" ] || fail "contact add: database changed"
"$ORDO" contact add good1 --first-name G --last-name H --email "g.h+x@mail.example" --db "$db" >/dev/null 2>&1 ||
    fail "contact add: a plain address was refused"

# (3) HTTP API.
tok=$("$ORDO" token add --db "$db" --role admin --name ada 2>/dev/null)
python3 - "$ORDO" "$db" "$tok" <<'PY' || fail "http: see above"
import http.client, json, re, subprocess, sys
ordo, db, tok = sys.argv[1:4]
p = subprocess.Popen([ordo, "serve", "--db", db, "--listen", "127.0.0.1:0"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
ok = True
try:
    port = int(re.search(r":(\d+)/$", p.stdout.readline().strip()).group(1))
    def post(body):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("POST", "/v1/contacts", json.dumps(body),
                  {"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
        r = c.getresponse(); data = r.read(); c.close()
        return r.status, data
    st, data = post({"id": "eve2", "first_name": "Eve", "last_name": "Evil",
                     "email": "a@b\r\nATTENDEE:mailto:evil@x"})
    if st != 400 or json.loads(data).get("error", {}).get("field") != "email":
        print("FAIL: http: expected 400 on field email, got", st, data); ok = False
    st, data = post({"id": "good2", "first_name": "G", "last_name": "H", "email": "g@h.example"})
    if st not in (200, 201):
        print("FAIL: http: plain address refused:", st, data); ok = False
finally:
    p.terminate(); p.wait(timeout=30)
sys.exit(0 if ok else 1)
PY

cat "$tmp/c.err" "$tmp/r.err" "$tmp/a.err"
echo "test_email_check: $fails failures"
[ "$fails" = 0 ]
