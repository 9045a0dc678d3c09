#!/usr/bin/env bash
# ctt_peer.sh — ordo side by side with a published C solver of ITC-2007
# track 3 (Docheinstein/itc2007-cct, SA + local search, its default
# configuration), at equal time, on the same instances and seeds.
#
#   benchmarks/ctt_peer.sh --peer PATH/itc2007-cct [--time-limit S]
#                          [--seeds "1 2 3"] [--only "21 05"] [--out DIR]
#
# For each (instance, seed) both solvers run AT ONCE, one process each on
# the 2-core machine, with the same time limit and seed number. Run it on
# an otherwise idle machine: both stop on the wall clock, and other load
# costs more to whichever solver still improves at the end (measured at
# stop 19: ordo's comp03 median 80 under load, 76 idle; the peer's costs
# did not change); then BOTH solutions are costed by `ordo ctt check` (the
# validator re-implementation: the table never shows a solver's own
# figure; a solution with hard violations or none at all shows "?").
# One row per instance: each seed's cost for the peer and for ordo, the
# medians, and which is lower. Build the peer on Debian 12 with
# `apt-get install libglib2.0-dev libcairo2-dev` then cmake + make in its
# repository (it is not a dependency of ordo: only this benchmark uses it).
set -euo pipefail
cd "$(dirname "$0")/.."
ORDO=${ORDO_BIN:-build/ordo}
DATA=${ORDO_SHARED_DIR:-../shared}/data/itc2007
peer="" limit=60 seeds=1 only="" out=${TMPDIR:-/tmp}/ordo-ctt-peer
usage() { echo "usage: $0 --peer PATH [--time-limit S] [--seeds \"1 2 3\"] [--only \"21 05\"] [--out DIR]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --peer) peer=$2; shift 2 ;;
    --time-limit) limit=$2; shift 2 ;;
    --seed|--seeds) seeds=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) usage ;;
  esac
done
[ -x "$peer" ] || { echo "ctt_peer: no peer solver at '$peer' (--peer)" >&2; exit 2; }
[ -x "$ORDO" ] || { echo "ctt_peer: no ordo binary at $ORDO (build first or set ORDO_BIN)" >&2; exit 2; }
for s in $seeds; do [[ $s =~ ^[0-9]+$ ]] || usage; done
mkdir -p "$out"
ids=()
if [ -n "$only" ]; then read -ra ids <<< "$only"; else for i in $(seq -w 1 21); do ids+=("$i"); done; fi
for id in "${ids[@]}"; do [[ $id =~ ^[0-9][0-9]$ && -f $DATA/comp$id.ctt ]] || { echo "ctt_peer: no instance comp$id in $DATA" >&2; exit 2; }; done

# "cost" of a solution by ordo ctt check, or "?" (hard violations, no file)
checked() {
  local row
  row=$("$ORDO" ctt check "$1" "$2" 2>/dev/null) || { echo "?"; return; }
  echo "$row" | awk -F'\t' 'NF >= 12 && $11 == 0 {print $12; ok = 1} END {if (!ok) print "?"}'
}

# the median as itc2007.sh takes it (the mean of the middle two for an even count)
median() { printf '%s\n' "$@" | grep -v '?' | sort -g |
  awk '{a[NR]=$1} END {if (!NR) print "?"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

printf '%-7s %-26s %-26s %6s %6s  %s\n' instance "peer (seeds $(echo "$seeds" | tr -s ' ' ,))" "ordo" peer_med ordo_med lower
peer_better=0 ordo_better=0 ties=0
for id in "${ids[@]}"; do
  inst=$DATA/comp$id.ctt
  pc=() oc=()
  for seed in $seeds; do
    d=$out/s$seed
    mkdir -p "$d"
    "$peer" -q -t "$limit" -s "$seed" "$inst" "$d/comp$id.peer.sol" >"$d/comp$id.peer.log" 2>&1 &
    "$ORDO" ctt solve "$inst" --out "$d/comp$id.ordo.sol" --time-limit "$limit" --work 100000000000 \
      --seed "$seed" --quiet 2>"$d/comp$id.ordo.log" &
    wait || true
    pc+=("$(checked "$inst" "$d/comp$id.peer.sol")")
    oc+=("$(checked "$inst" "$d/comp$id.ordo.sol")")
  done
  pm=$(median "${pc[@]}") om=$(median "${oc[@]}")
  if [ "$pm" = "?" ] || [ "$om" = "?" ]; then lower="?"
  elif awk -v a="$pm" -v b="$om" 'BEGIN {exit !(a < b)}'; then lower=peer; peer_better=$((peer_better + 1))
  elif awk -v a="$om" -v b="$pm" 'BEGIN {exit !(a < b)}'; then lower=ordo; ordo_better=$((ordo_better + 1))
  else lower=tie; ties=$((ties + 1)); fi
  printf 'comp%-3s %-26s %-26s %6s %6s  %s\n' "$id" "$(IFS=,; echo "${pc[*]}")" "$(IFS=,; echo "${oc[*]}")" \
    "$pm" "$om" "$lower"
done
echo "instances: ${#ids[@]}; median lower: ordo $ordo_better, peer $peer_better, tie $ties"
echo "time limit ${limit}s per run, seeds $(echo "$seeds" | tr -s ' ' ,), both solvers at once (one process each)"
