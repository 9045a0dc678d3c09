#!/bin/bash
# test_score.sh — the readable score (solver/score.h) against independent
# evaluators.
#
# Training plans (generated S instances, seeds 1 and 2): after `ordo
# schedule`, the goal totals of score.csv (written by `ordo export csv`
# beside bookings.csv) must each equal the term tests/e2e/check_plan.py
# recomputes from the CSV files alone, their sum must equal the cost of the
# schedule summary, the items of each goal must add up to its total, and
# `ordo score` (window remembered from the schedule run) must print the same
# total and prove the same bound, which score.csv's last row also carries. ITC-2007 (comp01, comp04, comp11 at a short work budget): the
# goal values on `ordo ctt solve`'s score line must equal the official
# validator's columns of `ordo ctt check` on the written solution.
set -u
ordo="${ORDO_BIN:?ORDO_BIN not set}"
src="${ORDO_SOURCE_DIR:?}"
shared="${ORDO_SHARED_DIR:?}"
gen="$(dirname "$ordo")/benchmarks/gen_training"
mkdir -p "${ORDO_TMP:-/tmp}"
tmp="$(mktemp -d "${ORDO_TMP:-/tmp}/score.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

if [ -x "$gen" ]; then
  for seed in 1 2; do
    d="$tmp/s$seed"; mkdir -p "$d"
    "$gen" --size S --seed "$seed" --out "$d/in" > "$d.gen" || { fail "gen seed $seed"; continue; }
    read -r from to < <(sed -n 's/^window: --from \([0-9-]*\) --to \([0-9-]*\)$/\1 \2/p' "$d.gen")
    "$ordo" import "$d/in" --db "$d.db" > /dev/null || { fail "import seed $seed"; continue; }
    "$ordo" schedule --db "$d.db" --from "$from" --to "$to" --seed "$seed" --work 20000 2> "$d.sched"
    cost=$(sed -n 's/^summary: .* cost \([0-9.]*\) .*/\1/p' "$d.sched")
    grep -q '^score: cost ' "$d.sched" || fail "seed $seed: no score line in the summary"
    grep -q '^bound [0-9.]*: no plan placing all' "$d.sched" || fail "seed $seed: the bound is not said in words"
    "$ordo" export csv --db "$d.db" --out "$d/out/bookings.csv" > /dev/null || { fail "export seed $seed"; continue; }
    [ -f "$d/out/score.csv" ] || { fail "seed $seed: no score.csv beside bookings.csv"; continue; }
    python3 "$src/tests/e2e/check_plan.py" "$d/in" "$d/out/bookings.csv" --from "$from" --to "$to" --cost > "$d.check" \
      || fail "seed $seed: check_plan rejected the plan"
    python3 - "$d/out/score.csv" "$d.check" "$cost" <<'PY' || fail "seed $seed: score.csv disagrees (above)"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
totals = {r["goal"]: float(r["cost"]) for r in rows if r["subject"] == "total"}
items = {}
for r in rows:
    if r["subject"] not in ("total", "room"):   # room rows: the capacity goal seen by room
        items[r["goal"]] = items.get(r["goal"], 0.0) + float(r["cost"])
terms = {}
for line in open(sys.argv[2]):
    if line.startswith("cost terms:"):
        parts = line.split()[2:]
        terms = {parts[i]: float(parts[i + 1]) for i in range(0, len(parts), 2)}
bad = 0
for goal in ("same_person", "same_room", "spread", "load"):
    if abs(totals.get(goal, 0.0) - terms[goal]) > 0.011:
        print("goal %s: score.csv %.2f, check_plan %.2f" % (goal, totals.get(goal, 0.0), terms[goal])); bad = 1
    if abs(items.get(goal, 0.0) - totals.get(goal, 0.0)) > 0.05:
        print("goal %s: items sum %.2f != total %.2f" % (goal, items.get(goal, 0.0), totals.get(goal, 0.0))); bad = 1
goal_sum = sum(v for k, v in totals.items() if k != "all")
if abs(goal_sum - float(sys.argv[3])) > 0.011 or abs(totals["all"] - float(sys.argv[3])) > 0.011:
    print("goal sum %.2f / all %.2f != summary cost %s" % (goal_sum, totals["all"], sys.argv[3])); bad = 1
if sum(terms.values()) < 1:
    print("a plan costing nothing tests nothing"); bad = 1
sys.exit(bad)
PY
    "$ordo" score --db "$d.db" > "$d.score" || fail "seed $seed: ordo score failed"
    grep -q "^score: cost $cost " "$d.score" || fail "seed $seed: ordo score total is not $cost: $(head -2 "$d.score")"
    # the bound of the saved plan: `ordo score` proves the schedule's bound
    # again (same window, same data, the same phases run to their end on S);
    # score.csv's last row carries it; per goal, the "any plan: at least"
    # figures plus the together line make it up
    bound=$(sed -n 's/^summary: .* bound \([0-9.]*\) .*/\1/p' "$d.sched")
    python3 - "$d.score" "$d/out/score.csv" "$bound" "$cost" <<'PY' || fail "seed $seed: the saved plan's bound disagrees (above)"
import csv, re, sys
text = open(sys.argv[1]).read()
want, cost = float(sys.argv[3]), float(sys.argv[4])
bad = 0
m = re.search(r"^bound ([0-9.]+): ", text, re.M)
if not m or abs(float(m.group(1)) - want) > 0.005:
    print("ordo score: bound %s, the schedule proved %.2f" % (m and m.group(1), want)); bad = 1
own = sum(float(x) for x in re.findall(r"\(any plan: at least \+([0-9.]+)\)", text))
t = re.search(r"^  together: the goals' own bounds add up to ([0-9.]+); .* at least ([0-9.]+) more", text, re.M)
if want > own + 0.005:
    if not t:
        print("bound %.2f above the goals' own %.2f but no together line" % (want, own)); bad = 1
    elif abs(float(t.group(1)) - own) > 0.011 or abs(float(t.group(1)) + float(t.group(2)) - want) > 0.011:
        print("together line %s + %s, goals' own %.2f, bound %.2f" % (t.group(1), t.group(2), own, want)); bad = 1
rows = list(csv.DictReader(open(sys.argv[2])))
last = rows[-1]
if (last["goal"], last["subject"]) != ("all", "total") or abs(float(last["bound"]) - want) > 0.005:
    print("score.csv last row %s,%s bound %s, want %.2f" % (last["goal"], last["subject"], last["bound"], want)); bad = 1
goal_bounds = sum(float(r["bound"]) for r in rows if r["subject"] == "total" and r["goal"] != "all")
for r in rows:
    if r["subject"] == "total" and float(r["bound"]) > float(r["cost"]) + 0.005:
        print("score.csv %s: bound %s above its cost %s" % (r["goal"], r["bound"], r["cost"])); bad = 1
    if r["subject"] != "total" and r["bound"] != "":
        print("score.csv item row with a bound: %s" % r); bad = 1
if goal_bounds > want + 0.005 or abs(goal_bounds - own) > 0.011:
    print("score.csv goal bounds sum %.2f (printed %.2f), plan bound %.2f" % (goal_bounds, own, want)); bad = 1
if want <= 0 or want > cost + 0.005:
    print("bound %.2f for cost %.2f proves nothing here" % (want, cost)); bad = 1
sys.exit(bad)
PY
  done
else
  echo "skip: $gen not built (ORDO_BUILD_BENCH=OFF)"
fi

for inst in comp01 comp04 comp11; do
  "$ordo" ctt solve "$shared/data/itc2007/$inst.ctt" --out "$tmp/$inst.sol" --work 20000 --time-limit 60 --quiet 2> "$tmp/$inst.err"
  "$ordo" ctt check "$shared/data/itc2007/$inst.ctt" "$tmp/$inst.sol" --header > "$tmp/$inst.tsv"
  python3 - "$tmp/$inst.err" "$tmp/$inst.tsv" <<'PY' || fail "$inst: score and validator disagree (above)"
import sys
line = [l for l in open(sys.argv[1]) if l.startswith("score: cost ")][0]
total, rest = line[len("score: cost "):].split(" = ")
goals = {}
for part in rest.split(" + "):
    k, v = part.split()
    goals[k] = float(v)
head, row = [l.rstrip("\n").split("\t") for l in open(sys.argv[2])][:2]
col = dict(zip(head, row))
bad = 0
for k in ("roomcapacity_s", "minworkingdays_s", "curriculumcompactness_s", "roomstability_s"):
    if abs(goals.get(k, 0.0) - float(col[k])) > 1e-9:
        print("%s: score %.2f, validator %s" % (k, goals.get(k, 0.0), col[k])); bad = 1
if abs(float(total) - float(col["total_cost"])) > 1e-9:
    print("total: score %s, validator %s" % (total, col["total_cost"])); bad = 1
sys.exit(bad)
PY
done

[ "$fails" -eq 0 ] && echo "test_score: OK" || echo "test_score: $fails failure(s)"
[ "$fails" -eq 0 ]
