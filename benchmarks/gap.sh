#!/usr/bin/env bash
# gap.sh — the optimality gap of the default `ordo schedule` run on generated
# training instances (benchmarks/gen_training), with the cost and the lower
# bound of each goal (from the score of the saved plan), one row per run:
#
#   size seed  placed  cost  bound  gap | goal cost/bound ...
#
# and the median gap per size at the end. Usage:
#   benchmarks/gap.sh [--sizes "S M"] [--seeds "1 2 3"] [--tight]
# Environment: ORDO_BIN (default build/ordo), GEN_BIN (default
# build/benchmarks/gen_training), ORDO_SCHEDULE_ARGS (extra options, e.g.
# "--work 200000" for a 10 x longer run). Temporary files are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="S M"
seeds="1 2 3"
tight=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --tight) tight="--tight"; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "gap.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
ordo="${ORDO_BIN:-build/ordo}"
gen="${GEN_BIN:-build/benchmarks/gen_training}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '%-4s %4s %9s %9s %9s %7s %6s | %s\n' size seed placed cost bound gap secs "goal cost/bound"
for size in $sizes; do
  gaps=()
  for seed in $seeds; do
    d="$tmp/$size-$seed"
    mkdir -p "$d"
    "$gen" --size "$size" $tight --seed "$seed" --out "$d/in" > "$d/gen.txt"
    read -r from to < <(sed -n 's/^window: --from \([0-9-]*\) --to \([0-9-]*\)$/\1 \2/p' "$d/gen.txt")
    "$ordo" import "$d/in" --db "$d/db" > /dev/null
    t0=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$ordo" schedule --db "$d/db" --from "$from" --to "$to" --seed "$seed" --quiet ${ORDO_SCHEDULE_ARGS:-} 2> "$d/err" || true
    t1=$(date +%s.%N)
    "$ordo" score --db "$d/db" --top 0 > "$d/score" || true
    read -r placed cost bound gap < <(sed -n 's/^summary: placed \([0-9/]*\) cost \([0-9.]*\) bound \([0-9.]*\) gap \([0-9.]*\).*/\1 \2 \3 \4/p' "$d/err")
    goals=$(python3 - "$d/score" <<'PY'
import re, sys
out = []
for line in open(sys.argv[1]):
    m = re.match(r"  ([a-z ]+): .*: \+([0-9.]+)(?: \(any plan: at least \+([0-9.]+)\))?$", line)
    if m:
        out.append("%s %s/%s" % (m.group(1).replace(" ", "_"), m.group(2), m.group(3) or "0"))
print("  ".join(out))
PY
)
    printf '%-4s %4s %9s %9s %9s %7s %6.1f | %s\n' "$size" "$seed" "$placed" "$cost" "$bound" "$gap" \
      "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$goals"
    gaps+=("$gap")
  done
  med=$(printf '%s\n' "${gaps[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$size: median gap $med over seeds $seeds"
done
