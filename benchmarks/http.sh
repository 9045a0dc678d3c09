#!/usr/bin/env bash
# http.sh [SIZE] — ordo serve under 16 concurrent HTTP clients (bench_http):
#   1. find-times on a generated, scheduled instance (default L): p50/p99, requests/s;
#   2. 16 clients booking random slots from a small pool (many collide):
#      booking transactions/s against bench_resolve's single-insert baseline
#      measured in the same run on the same disk (target >= 30 %);
#   3. the same from a pool of 400 slots (more acknowledged, each a commit);
#   4. 8 find-times clients while 8 others book (reads reload after writes);
#      then a check that no resource is double-booked and every acknowledged
#      booking is stored.
# Usage: benchmarks/http.sh [S|M|L]  (build first: cmake --build build);
# SCHEDULE_ARGS="--work 1" plans the instance faster (plan quality does not matter here)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-L}
B=${BUILD:-build}
ordo=$B/ordo
work=$(mktemp -d /tmp/ordo-http-bench.XXXXXX)
trap 'kill $srv 2>/dev/null || true; rm -rf "$work"' EXIT
"$B/benchmarks/gen_training" --size "$size" --seed 1 --out "$work/inst" > "$work/gen.txt"
from=$(sed -n 's/.*--from \([0-9-]*\).*/\1/p' "$work/gen.txt" | head -1)
to=$(sed -n 's/.*--to \([0-9-]*\).*/\1/p' "$work/gen.txt" | head -1)
"$ordo" import "$work/inst" --db "$work/t.db" >/dev/null
t0=$(date +%s.%N)
"$ordo" schedule --db "$work/t.db" --from "${from:-2027-01-04}" --to "${to:-2027-04-04}" --quiet ${SCHEDULE_ARGS:-} || true
echo "setup: $size instance scheduled in $(echo "$(date +%s.%N) - $t0" | bc) s"
tok=$("$ordo" token add --db "$work/t.db" --role agent --name bench)
"$ordo" serve --db "$work/t.db" --listen 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
srv=$!
for _ in $(seq 100); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*:\([0-9]*\)\/$/\1/p' "$work/serve.out")
svc=$(sed -n '2p' "$work/inst/services.csv" | cut -d, -f1)
"$B/benchmarks/bench_http" find --port "$port" --token "$tok" --clients 16 --requests 100 \
  --query "service=$svc&participants=4&after=${from:-2027-01-04}&count=5"
# pool COUNT AFTER FILE: COUNT free slots from find-times after AFTER, one JSON booking a line
pool() {
python3 - "$port" "$tok" "$svc" "$2" "$1" > "$3" <<'PY'
import http.client, json, sys
port, tok, svc, after, count = sys.argv[1:6]
c = http.client.HTTPConnection("127.0.0.1", int(port))
c.request("GET", "/v1/find-times?service=%s&participants=4&after=%s&count=%s" % (svc, after, count), headers={"Authorization": "Bearer " + tok})
for p in json.loads(c.getresponse().read())["proposals"]:
    print(json.dumps({"service": svc, "start": p["start"], "resources": p["resources"], "participants": 4}))
PY
}
day() { date -u -d "${from:-2027-01-04} + $1 days" +%F; }
# 2. a pool of 40 free slots, 16 clients x 50 bookings drawn from it (most collide)
pool 40 "${from:-2027-01-04}" "$work/slots.txt"
"$B/benchmarks/bench_http" book --port "$port" --token "$tok" --clients 16 --requests 50 --slots "$work/slots.txt" | tee "$work/book.txt"
# 3. the same with a pool of 400 (a week later): more of them acknowledged, each a commit
pool 400 "$(day 7)" "$work/wide.txt"
"$B/benchmarks/bench_http" book --port "$port" --token "$tok" --clients 16 --requests 50 --slots "$work/wide.txt" | sed 's/^book:/book-wide:/' | tee "$work/wide_book.txt"
# 4. mixed: 8 clients asking find-times while 8 others book (pool of 200, two weeks later):
#    every booking makes the next read load the snapshot again
pool 200 "$(day 14)" "$work/mixed.txt"
"$B/benchmarks/bench_http" find --port "$port" --token "$tok" --clients 8 --requests 200 \
  --query "service=$svc&participants=4&after=$(day 14)&count=5" | sed 's/^find-times:/mixed find-times:/' > "$work/mixed_find.txt" &
fpid=$!
"$B/benchmarks/bench_http" book --port "$port" --token "$tok" --clients 8 --requests 50 --slots "$work/mixed.txt" | sed 's/^book:/mixed book:/'
wait $fpid
cat "$work/mixed_find.txt"
cat "$work/slots.txt.acked" "$work/wide.txt.acked" "$work/mixed.txt.acked" > "$work/all.acked"
python3 - "$port" "$tok" "$work/all.acked" <<'PY'
import http.client, json, sys
port, tok, acked = sys.argv[1:4]
c = http.client.HTTPConnection("127.0.0.1", int(port))
c.request("GET", "/v1/bookings", headers={"Authorization": "Bearer " + tok})
bs = json.loads(c.getresponse().read())["bookings"]
ids = {b["id"] for b in bs}
ack = [l.strip() for l in open(acked) if l.strip()]
lost = [a for a in ack if a not in ids]
by_res = {}
for b in bs:
    if b["status"] in ("planned", "done") and b["start"] and not b.get("conflict"):
        for r in b["resources"]:
            by_res.setdefault(r, []).append((b["start"], b["end"], b["id"]))
from datetime import datetime
double = 0
for r, v in by_res.items():
    v = sorted((datetime.fromisoformat(s), datetime.fromisoformat(e), i) for s, e, i in v)
    for (s1, e1, i1), (s2, e2, i2) in zip(v, v[1:]):
        if s2 < e1:
            double += 1
print("check: %d acknowledged bookings, %d lost, %d double bookings over %d bookings" % (len(ack), len(lost), double, len(bs)))
sys.exit(1 if lost or double else 0)
PY
kill -TERM $srv; wait $srv || true
"$B/benchmarks/bench_resolve" --cases 3000 --lines 50 --db "$work/baseline.db" | grep -iE "^baseline" | head -1 | tee "$work/base.txt"
# every booking request (201 or 409) is one checked write transaction; 201s are capped by the pool of slots
base=$(sed -n 's/.*: \([0-9.]*\) \/s$/\1/p' "$work/base.txt")
for f in book wide_book; do
  req=$(sed -n 's/^book[a-z-]*: .* = \([0-9.]*\) requests\/s.*/\1/p' "$work/$f.txt")
  ack=$(sed -n 's/^book[a-z-]*: \([0-9]*\) acknowledged (201).*/\1/p' "$work/$f.txt")
  echo "$f vs baseline: $req booking transactions/s (201+409) = $(echo "scale=1; 100 * $req / $base" | bc)% of $base single inserts/s (target >= 30%); $ack acknowledged"
done
