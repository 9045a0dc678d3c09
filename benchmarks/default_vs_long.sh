#!/usr/bin/env bash
# default_vs_long.sh — does the default `ordo schedule` use its time well?
#
# For each size (default S M L, seed 1) a generated instance (gen_training)
# is planned three ways from the same imported database:
#   work1x   --work 1000 x sessions (at least 20,000): the old default budget
#   default  no option: annealing rounds until stagnation (cap 60 s)
#   long     --time-limit FACTOR x the default run's seconds (default 10 x):
#            a run that uses all of that time
# and one row per run is printed:
#   size run placed cost seconds cpu_s stop
# (stop: the solver's "search: stopped: ..." reason, shortened).
#
# usage: benchmarks/default_vs_long.sh [--sizes "S M L"] [--seed N] [--factor F] [--keep DIR]
# Environment: ORDO_BIN (default build/ordo), GEN_BIN (default
# build/benchmarks/gen_training). Needs GNU time (/usr/bin/time) for the
# wall-clock and CPU seconds (user + system) of each run. Wall-clock figures depend on the machine
# and its load (the default run's cap and the long run are wall-clock).
set -u -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ORDO_BIN=${ORDO_BIN:-$root/build/ordo}
GEN_BIN=${GEN_BIN:-$root/build/benchmarks/gen_training}
sizes="S M L"
seed=1
factor=10
keep=""

die() { echo "default_vs_long: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) [ $# -ge 2 ] || die "--sizes needs a value"; sizes=$2; shift 2 ;;
        --seed) [ $# -ge 2 ] || die "--seed needs a value"; seed=$2; shift 2 ;;
        --factor) [ $# -ge 2 ] || die "--factor needs a value"; factor=$2; shift 2 ;;
        --keep) [ $# -ge 2 ] || die "--keep needs a directory"; keep=$2; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
[ -x "$ORDO_BIN" ] || die "ordo not found: $ORDO_BIN"
[ -x "$GEN_BIN" ] || die "generator not found: $GEN_BIN"
if [ -n "$keep" ]; then work=$keep; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi

# run NAME ARGS...: schedule a fresh copy of the imported database; sets secs
run() {
    local name=$1; shift
    cp "$d/in.db" "$d/$name.db"
    /usr/bin/time -f "%e %U %S" -o "$d/$name.time" \
        "$ORDO_BIN" schedule --db "$d/$name.db" --from "$from" --to "$to" "$@" 2>"$d/$name.err" >/dev/null
    read -r secs user sys < <(tail -n 1 "$d/$name.time")   # (a first line may say the exit code)
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
    local placed cost stop
    placed=$(sed -n 's/^summary: placed \([0-9/]*\) .*/\1/p' "$d/$name.err")
    cost=$(sed -n 's/^summary: placed [0-9/]* cost \([0-9.]*\) .*/\1/p' "$d/$name.err")
    stop=$(sed -n 's/^search: stopped: \([^(]*\).*/\1/p' "$d/$name.err" | sed 's/ *$//')
    printf '%-4s %-8s %-10s %10s %8s %8s  %s\n' "$size" "$name" "$placed" "$cost" "$secs" "$cpu" "$stop"
}

printf '%-4s %-8s %-10s %10s %8s %8s  %s\n' size run placed cost seconds cpu_s stop
for size in $sizes; do
    d="$work/$size"
    rm -rf "$d"; mkdir -p "$d"
    "$GEN_BIN" --size "$size" --seed "$seed" --out "$d/in" >"$d/gen.out" || die "gen_training failed"
    from=$(sed -n 's/^window: --from \([0-9-]*\) .*/\1/p' "$d/gen.out")
    to=$(sed -n 's/^window: .* --to \([0-9-]*\).*/\1/p' "$d/gen.out")
    sessions=$(sed -n 's/.* \([0-9]*\)\/[0-9]* sessions.*/\1/p' "$d/gen.out")
    "$ORDO_BIN" import "$d/in" --db "$d/in.db" >/dev/null || die "import failed"
    base=$((1000 * sessions)); [ "$base" -lt 20000 ] && base=20000
    run work1x --work "$base"
    run default
    run long --time-limit "$(awk -v s="$secs" -v f="$factor" 'BEGIN { printf "%.0f", s * f }')"
done
