#!/usr/bin/env bash
# replan.sh — how much a re-plan moves after a small change.
#
# For each size (default M and L, seed 1): generate the instance with
# gen_training, import it, plan it (`ordo schedule`), then give 1 % of the
# trainers (at least one; the busiest on the chosen day) one day of time
# off on that day (imported as a time_off.csv of its own), and re-plan twice
# from the same database: by default (stable re-plan) and with --fresh (the
# baseline). Prints one row per run:
#   size run sessions prev moved had_to_move moved/had cost_before cost_after wall/cpu_s
# where had_to_move is the solver's count K of sessions whose previous
# placement no plan can keep (also checked against the bookings of the
# trainers on that day, column `booked_that_day` of the header line).
#
# usage: benchmarks/replan.sh [--sizes "M L"] [--seed N] [--day-offset D] [--keep DIR]
# Environment: ORDO_BIN (default build/ordo), GEN_BIN (default
# build/benchmarks/gen_training), SOLVE_ARGS extra arguments for every
# `ordo schedule` (e.g. "--work 3000000" for reproducible runs; default:
# none, the default run with its stagnation rule and 60 s cap).
set -u -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ORDO_BIN=${ORDO_BIN:-$root/build/ordo}
GEN_BIN=${GEN_BIN:-$root/build/benchmarks/gen_training}
SOLVE_ARGS=${SOLVE_ARGS:-}
sizes="M L"
seed=1
offset=15
keep=""

die() { echo "replan: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) [ $# -ge 2 ] || die "--sizes needs a value"; sizes=$2; shift 2 ;;
        --seed) [ $# -ge 2 ] || die "--seed needs a value"; seed=$2; shift 2 ;;
        --day-offset) [ $# -ge 2 ] || die "--day-offset needs a value"; offset=$2; shift 2 ;;
        --keep) [ $# -ge 2 ] || die "--keep needs a directory"; keep=$2; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
[ -x "$ORDO_BIN" ] || die "ordo not found: $ORDO_BIN"
[ -x "$GEN_BIN" ] || die "generator not found: $GEN_BIN"
if [ -n "$keep" ]; then work=$keep; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi

# schedule DB LOG ARGS...: run ordo schedule, keep stderr in LOG, print seconds
schedule() {
    local db=$1 log=$2; shift 2
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S" -o "$log.time" \
        "$ORDO_BIN" schedule --db "$db" --from "$from" --to "$to" $SOLVE_ARGS "$@" 2>"$log" >/dev/null
    tail -n 1 "$log.time" | awk '{ printf "%.1f/%.1f", $1, $2 + $3 }'   # (a first line may say the exit code)
}
cost_of() { sed -n 's/^summary: placed [0-9/]* cost \([0-9.]*\) .*/\1/p' "$1"; }
placed_of() { sed -n 's/^summary: placed \([0-9/]*\) .*/\1/p' "$1"; }
replan_of() { sed -n 's/^replan: moved \([0-9]*\) of \([0-9]*\) sessions (\([0-9]*\) had to move).*/\1 \2 \3/p' "$1"; }

printf '%-4s %-7s %-10s %5s %6s %11s %9s %11s %10s %12s\n' size run sessions prev moved had_to_move moved/had \
    cost_before cost_after wall/cpu_s
for size in $sizes; do
    d="$work/$size"
    rm -rf "$d"; mkdir -p "$d"
    "$GEN_BIN" --size "$size" --seed "$seed" --out "$d/in" >"$d/gen.out" || die "gen_training failed"
    from=$(sed -n 's/^window: --from \([0-9-]*\) .*/\1/p' "$d/gen.out")
    to=$(sed -n 's/^window: .* --to \([0-9-]*\).*/\1/p' "$d/gen.out")
    "$ORDO_BIN" import "$d/in" --db "$d/base.db" >/dev/null || die "import failed"
    secs=$(schedule "$d/base.db" "$d/base.err")
    before=$(cost_of "$d/base.err")
    echo "$size plan $(placed_of "$d/base.err") cost $before in ${secs}s (wall/cpu)" >&2
    "$ORDO_BIN" export csv --db "$d/base.db" --out "$d/before/bookings.csv" >/dev/null || die "export failed"
    # 1 % of the trainers (at least one): the busiest on the chosen day
    day=$(date -u -d "$from + $offset days" +%F)
    next=$(date -u -d "$day + 1 day" +%F)
    people=$(awk -F, 'NR > 1 && $3 == "person"' "$d/in/resources.csv" | wc -l)
    n=$(( (people + 99) / 100 ))
    awk -F, -v a="$day" 'NR > 1 && substr($3, 1, 10) == a { k = split($6, r, ";");
        for (i = 1; i <= k; i++) if (r[i] ~ /^tch-/) c[r[i]]++ }
        END { for (t in c) print c[t], t }' "$d/before/bookings.csv" | sort -k1,1nr -k2 | head -n "$n" >"$d/sick"
    booked=$(awk '{ s += $1 } END { print s + 0 }' "$d/sick")
    mkdir -p "$d/off"
    { echo "resource,start,end,reason"
      awk -v a="$day" -v b="$next" '{ print $2 "," a "T00:00," b "T00:00,sick" }' "$d/sick"; } >"$d/off/time_off.csv"
    "$ORDO_BIN" import "$d/off" --db "$d/base.db" >/dev/null || die "time off import failed"
    echo "$size: $n of $people trainers sick on $day ($(cut -d' ' -f2 "$d/sick" | paste -sd,)); booked_that_day $booked" >&2
    for run in stable fresh; do
        cp "$d/base.db" "$d/$run.db"
        extra=()
        [ "$run" = fresh ] && extra=(--fresh)
        secs=$(schedule "$d/$run.db" "$d/$run.err" "${extra[@]}")
        read -r moved prev had < <(replan_of "$d/$run.err")
        ratio=$(awk -v m="${moved:-0}" -v h="${had:-0}" 'BEGIN { if (h > 0) printf "%.2f", m / h; else print "-" }')
        printf '%-4s %-7s %-10s %5s %6s %11s %9s %11s %10s %12s\n' "$size" "$run" "$(placed_of "$d/$run.err")" \
            "${prev:--}" "${moved:--}" "${had:--}" "$ratio" "$before" "$(cost_of "$d/$run.err")" "$secs"
    done
done
