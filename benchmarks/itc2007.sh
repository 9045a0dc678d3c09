#!/usr/bin/env bash
# itc2007.sh — ordo on the 21 ITC-2007 track 3 instances.
#
#   benchmarks/itc2007.sh [--time-limit S] [--seed N | --seeds "1 2 3 4 5"]
#                         [--jobs J] [--only "01 05"] [--out DIR] [--no-run]
#
# For each instance and seed: `ordo ctt solve` (single thread, --time-limit S,
# default 150 s = the ITC-2007 allowance measured on this kind of machine),
# then the cost is RECOMPUTED by `ordo ctt check` (the validator
# re-implementation) — the table never shows the solver's own figure —
# beside the solver's lower bound, the best known cost (BKS 2022; comp03 = 62
# as comp03 = comp15) and the competition winner's best result in the
# organisers' runs (Müller).
#
# One seed: one row per instance (cost, bound, gap to best known). Several
# seeds: one row per instance with every seed's cost, their median and
# range, the median's gap to the best known, and the summary over seeds.
# --jobs J runs J solver processes at once (each single-threaded): use at
# most the machine's cores, or the runs steal time from each other.
# --no-run prints the table of the runs already in --out (a long run
# stopped early: pass the seeds it completed).
# Runs stopped by the clock are not bit-reproducible (see solver/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ORDO=${ORDO_BIN:-build/ordo}
DATA=${ORDO_SHARED_DIR:-../shared}/data/itc2007
limit=150 seeds=1 only="" jobs=1 run=1 out=${TMPDIR:-/tmp}/ordo-itc2007
usage() { echo "usage: $0 [--time-limit S] [--seed N | --seeds \"1 2 3\"] [--jobs J] [--only \"01 05\"] [--out DIR] [--no-run]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --time-limit) limit=$2; shift 2 ;;
    --seed|--seeds) seeds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-run) run=0; shift ;;
    *) usage ;;
  esac
done
[[ $jobs =~ ^[1-9][0-9]*$ ]] || usage
for s in $seeds; do [[ $s =~ ^[0-9]+$ ]] || usage; done
[ -x "$ORDO" ] || { echo "itc2007: no ordo binary at $ORDO (build first or set ORDO_BIN)" >&2; exit 2; }
mkdir -p "$out"
# instance best-known winner
table="01 5 5
02 24 51
03 62 84
04 35 37
05 284 330
06 27 48
07 6 20
08 37 41
09 96 109
10 4 16
11 0 0
12 294 333
13 59 66
14 51 59
15 62 84
16 18 34
17 56 83
18 61 83
19 57 62
20 4 27
21 74 103"
ids=()
while read -r id best winner; do
  if [ -n "$only" ] && [[ " $only " != *" $id "* ]]; then continue; fi
  ids+=("$id")
done <<< "$table"

# One run: solve, then check; writes $out/s<seed>/comp<id>.row as
# "hard cost bound seconds".
run_one() {
  local id=$1 seed=$2 dir=$out/s$2
  local inst=$DATA/comp$id.ctt sol=$dir/comp$id.sol t0 t1 bound row
  mkdir -p "$dir"
  t0=$(date +%s.%N)
  "$ORDO" ctt solve "$inst" --out "$sol" --time-limit "$limit" --work 100000000000 --seed "$seed" --quiet \
      2>"$dir/comp$id.log" || true
  t1=$(date +%s.%N)
  bound=$(sed -n 's/^summary: .* bound \([0-9.]*\) .*/\1/p' "$dir/comp$id.log" | tail -1)
  row=$("$ORDO" ctt check "$inst" "$sol" 2>/dev/null) || row=""
  echo "$row" | awk -F'\t' -v b="${bound:-?}" -v a="$t0" -v z="$t1" \
    'NF >= 12 {printf "%s %s %s %.1f\n", $11, $12, b, z - a; ok = 1} END {if (!ok) printf "? ? %s %.1f\n", b, z - a}' \
    > "$dir/comp$id.row"
}

# All (instance, seed) runs, at most $jobs at once.
for seed in $seeds; do
  [ "$run" = 1 ] || break
  for id in "${ids[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
    run_one "$id" "$seed" &
  done
done
wait

nseeds=$(echo $seeds | wc -w)
if [ "$nseeds" -eq 1 ]; then
  printf '%-7s %5s %6s %6s %5s %8s %7s %7s\n' instance hard cost bound best gap_best winner seconds
else
  printf '%-7s %5s %-24s %6s %8s %6s %5s %8s %7s\n' instance hard "costs (seeds $(echo $seeds | tr ' ' ,))" median range bound best gap_med winner
fi
feasible=0 at_winner=0 positive_bound=0 n=0
gaps=()
declare -A seedgaps=()
while read -r id best winner; do
  if [ -n "$only" ] && [[ " $only " != *" $id "* ]]; then continue; fi
  costs=() hardmax=0 bound="?" secs=""
  for seed in $seeds; do
    [ -f "$out/s$seed/comp$id.row" ] || { echo "itc2007: no run of comp$id seed $seed in $out" >&2; exit 2; }
    read -r hard cost b s < "$out/s$seed/comp$id.row"
    [ "$hard" = "?" ] && hard=999999 cost=999999
    [ "$hard" -gt "$hardmax" ] && hardmax=$hard
    costs+=("$cost") bound=$b secs=$s
    if [ "$best" -gt 0 ]; then
      seedgaps[$seed]+="$(awk -v c="$cost" -v b="$best" 'BEGIN{printf "%.4f", (c-b)/b}') "
    else
      seedgaps[$seed]+="$([ "$cost" -eq 0 ] && echo 0 || echo 99) "
    fi
  done
  read -r med lo hi < <(printf '%s\n' "${costs[@]}" | sort -g |
    awk '{a[NR]=$1} END{printf "%s %s %s\n", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2, a[1], a[NR]}')
  if [ "$best" -gt 0 ]; then
    gap=$(awk -v c="$med" -v b="$best" 'BEGIN{printf "%.1f%%", 100*(c-b)/b}')
    gaps+=("$(awk -v c="$med" -v b="$best" 'BEGIN{printf "%.4f", (c-b)/b}')")
  else
    gap="abs $med"
    gaps+=("$(awk -v c="$med" 'BEGIN{print (c == 0) ? 0 : 99}')")
  fi
  if [ "$nseeds" -eq 1 ]; then
    printf '%-7s %5s %6s %6s %5s %8s %7s %7s\n' "comp$id" "$hardmax" "$med" "$bound" "$best" "$gap" "$winner" "$secs"
  else
    printf '%-7s %5s %-24s %6s %8s %6s %5s %8s %7s\n' "comp$id" "$hardmax" "$(echo "${costs[*]}" | tr ' ' ,)" \
      "$med" "$lo-$hi" "$bound" "$best" "$gap" "$winner"
  fi
  n=$((n + 1))
  [ "$hardmax" = 0 ] && feasible=$((feasible + 1))
  [ "$hardmax" = 0 ] && awk -v c="$med" -v w="$winner" 'BEGIN{exit !(c <= w)}' && at_winner=$((at_winner + 1))
  [ "$id" != 15 ] && awk -v b="$bound" 'BEGIN{exit !(b + 0 > 0)}' && positive_bound=$((positive_bound + 1))
done <<< "$table"
median_of() { sort -g | awk '{a[NR]=$1} END{if (NR==0) print "-"; else if (NR%2) printf "%.1f%%", 100*a[(NR+1)/2]; else printf "%.1f%%", 50*(a[NR/2]+a[NR/2+1])}'; }
median=$(printf '%s\n' "${gaps[@]}" | median_of)
echo
if [ "$nseeds" -eq 1 ]; then
  echo "instances: $n; feasible (0 hard violations): $feasible; at or below the winner's result: $at_winner"
  echo "median gap to best known: $median; lower bound > 0 on $positive_bound distinct instances (comp15 = comp03 not counted)"
else
  echo "instances: $n; feasible on every seed: $feasible; median cost at or below the winner's result: $at_winner"
  echo "median over instances of the per-instance median gap to best known: $median"
  for seed in $seeds; do
    echo "  seed $seed: median gap $(echo ${seedgaps[$seed]} | tr ' ' '\n' | median_of)"
  done
  echo "lower bound > 0 on $positive_bound distinct instances (comp15 = comp03 not counted)"
fi
if [ "$run" = 1 ]; then
  echo "time limit ${limit}s per run, seeds $(echo $seeds | tr ' ' ,), $jobs at once, ordo $("$ORDO" --version 2>/dev/null | head -1)"
else
  echo "seeds $(echo $seeds | tr ' ' ,): runs read from $out (--no-run; their time limit is theirs)"
fi
