#!/usr/bin/env bash
# run_training.sh — benchmark the ordo command on generated training instances.
#
# For each size (S M L; tight variants of S and M) and seed: generate a
# feasible instance with gen_training, then time `ordo import`, `ordo
# schedule` and `ordo export ical|csv|html` with /usr/bin/time -v (wall time,
# peak resident memory), parse the schedule's summary line from stderr
# (`summary: placed P/T cost C bound B gap G`, read tolerantly) and, when the
# csv export yields a bookings.csv, re-check it with `gen_training --check`.
#
# usage: benchmarks/run_training.sh [--sizes "S M L"] [--seeds "1 2 3"] [--no-tight]
#                                   [--keep DIR] [--gen-only] [--selftest]
#   --gen-only   only generate and verify the instances (no ordo needed)
#   --keep DIR   keep every run's folder under DIR (default: temp, removed)
#   --selftest   check the generator itself: determinism, --verify, and that
#                the checker catches broken instances; exits 1 on failure
# Environment: ORDO_BIN (default build/ordo), GEN_BIN (default
# build/benchmarks/gen_training), SCHEDULE_TIMEOUT seconds (default 1800),
# ORDO_SCHEDULE_ARGS extra arguments for `ordo schedule`.
# Needs GNU time (Debian package `time`) for /usr/bin/time -v.
set -u -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ORDO_BIN=${ORDO_BIN:-$root/build/ordo}
GEN_BIN=${GEN_BIN:-$root/build/benchmarks/gen_training}
SCHEDULE_TIMEOUT=${SCHEDULE_TIMEOUT:-1800}
TIME_BIN=/usr/bin/time

sizes="S M L"
seeds="1 2 3"
tight=1
keep=""
gen_only=0
selftest=0

die() { echo "run_training: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) [ $# -ge 2 ] || die "--sizes needs a value"; sizes=$2; shift 2 ;;
        --seeds) [ $# -ge 2 ] || die "--seeds needs a value"; seeds=$2; shift 2 ;;
        --keep) [ $# -ge 2 ] || die "--keep needs a directory"; keep=$2; shift 2 ;;
        --no-tight) tight=0; shift ;;
        --gen-only) gen_only=1; shift ;;
        --selftest) selftest=1; shift ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done

[ -x "$GEN_BIN" ] || die "generator not found: $GEN_BIN (build the benchmarks or set GEN_BIN)"
for s in $sizes; do
    case "$s" in S|M|L) ;; *) die "size '$s' is not S, M or L" ;; esac
done
for n in $seeds; do
    case "$n" in ''|*[!0-9]*) die "seed '$n' is not a number" ;; esac
done

# ---- selftest ---------------------------------------------------------------

st_fail=0
st_check() { # NAME STATUS
    if [ "$2" = 0 ]; then echo "PASS $1"; else echo "FAIL $1"; st_fail=1; fi
}

# Break a copy of folder $1 with the awk program $3 applied to file $2, and
# expect `gen_training --check` to fail with a message matching $4.
st_mutation() { # DIR FILE AWK PATTERN NAME
    local src=$1 file=$2 prog=$3 pattern=$4 name=$5 dst
    dst=$(mktemp -d "${TMPDIR:-/tmp}/ordo-mut.XXXXXX")
    cp "$src"/*.csv "$dst"/
    awk -F, -v OFS=, "$prog" "$src/$file" >"$dst/$file"
    local out rc
    out=$("$GEN_BIN" --check "$dst" --from "$st_from" --to "$st_to" 2>&1); rc=$?
    if [ "$rc" != 0 ] && grep -qE "$pattern" <<<"$out"; then st_check "checker catches: $name" 0
    else st_check "checker catches: $name" 1; printf '%s\n' "$out" | head -5; fi
    rm -rf "$dst"
}

run_selftest() {
    local w; w=$(mktemp -d "${TMPDIR:-/tmp}/ordo-selftest.XXXXXX")
    local args
    for args in "S 1" "S 2 --tight" "M 1 --tight" "L 1"; do
        set -- $args
        local sz=$1 sd=$2 tf=${3:-}
        "$GEN_BIN" --size "$sz" --seed "$sd" $tf --out "$w/a" --verify >"$w/a.out" 2>&1
        st_check "$sz seed $sd $tf: generates and verifies" $?
        grep -q "^witness OK" "$w/a.out"; st_check "$sz seed $sd $tf: witness OK printed" $?
        "$GEN_BIN" --size "$sz" --seed "$sd" $tf --out "$w/b" >/dev/null 2>&1
        diff -r "$w/a" "$w/b" >/dev/null; st_check "$sz seed $sd $tf: same seed, same files" $?
        "$GEN_BIN" --size "$sz" --seed $((sd + 100)) $tf --out "$w/c" >/dev/null 2>&1
        ! diff -q "$w/a/witness.csv" "$w/c/witness.csv" >/dev/null; st_check "$sz seed $sd $tf: other seed, other witness" $?
        if [ "$tf" = "--tight" ]; then
            awk '/^tightness:/ { exit !($3 >= 0.5) }' "$w/a.out"; st_check "$sz seed $sd tight: teacher share >= 0.5" $?
        fi
        rm -rf "$w/a" "$w/b" "$w/c"
    done
    # Mutations of one valid instance, each breaking one hard rule.
    "$GEN_BIN" --size S --seed 3 --out "$w/s" >"$w/s.out" 2>&1 || st_check "S seed 3 generates" 1
    st_from=$(sed -n 's/^window: --from \([0-9-]*\) --to.*/\1/p' "$w/s.out")
    st_to=$(sed -n 's/^window: .* --to \([0-9-]*\).*/\1/p' "$w/s.out")
    "$GEN_BIN" --check "$w/s" --from "$st_from" --to "$st_to" >/dev/null 2>&1; st_check "unchanged copy passes --check" $?
    local first_res first_start first_day
    first_res=$(awk -F, 'NR==2 { split($6, r, ";"); print r[1] }' "$w/s/witness.csv")
    first_start=$(awk -F, 'NR==2 { print $3 }' "$w/s/witness.csv")
    first_day=${first_start%T*}
    st_mutation "$w/s" time_off.csv "{ print } END { print \"$first_res\",\"$first_start\",\"${first_day}T23:30\",\"x\" }" \
        "on time off" "time off over a booking"
    st_mutation "$w/s" working_hours.csv "\$1 != \"$first_res\" { print } END { print \"$first_res\",\"SU\",\"06:00\",\"07:00\" }" \
        "outside its working hours|requirement" "working hours removed"
    st_mutation "$w/s" contracts.csv 'NR > 1 { $5 = "0.5" } { print }' "bank" "hour banks cut"
    st_mutation "$w/s" contracts.csv 'NR > 1 { $4 = $3 } { print }' "contract .* dates" "contract dates cut"
    st_mutation "$w/s" courses.csv 'NR > 1 && $6 > 1 { $10 = 40 } { print }' "closer than" "min_days_between raised"
    st_mutation "$w/s" courses.csv 'NR > 1 && $6 > 1 { $9 = $8 } { print }' "window" "course windows cut"
    st_mutation "$w/s" courses.csv 'NR > 1 { $11 = "one" } { print }' "overlap on cohort" "one cohort for all"
    st_mutation "$w/s" courses.csv 'NR > 1 { $6 = $6 + 1 } { print }' "booked, .* wanted" "more sessions wanted"
    st_mutation "$w/s" resources.csv '$3 == "room" { $5 = 1 } { print }' "requirement" "rooms shrunk"
    st_mutation "$w/s" resources.csv '$3 == "person" { $6 = "knitting" } { print }' "requirement" "skills removed"
    st_mutation "$w/s" sites.csv 'NR > 1 { $3 = "Europe/Nowhere" } { print }' "time zone" "unknown time zone"
    st_mutation "$w/s" witness.csv 'NR == 3 { r = $0; next } { print } END { print r }' "out of order" "rows out of order"
    st_mutation "$w/s" witness.csv '{ print } NR == 2 { $2 = 99; print }' "overlap on resource" "a booking doubled"
    st_mutation "$w/s" witness.csv 'NR == 2 { sub(/T[0-9:]*$/, "T03:15", $3) } { print }' "grid|duration|lasts|working" "a start moved off grid"
    rm -rf "$w"
    [ "$st_fail" = 0 ] && echo "selftest: all passed" || echo "selftest: FAILED"
    return "$st_fail"
}

if [ "$selftest" = 1 ]; then
    run_selftest
    exit $?
fi

# ---- benchmark --------------------------------------------------------------

if [ "$gen_only" = 0 ] && [ ! -x "$ORDO_BIN" ]; then
    echo "run_training: $ORDO_BIN not found; generating only (set ORDO_BIN)" >&2
    gen_only=1
fi
if [ "$gen_only" = 0 ] && [ ! -x "$TIME_BIN" ]; then
    die "$TIME_BIN missing: install GNU time (apt-get install time)"
fi
timeout_cmd=()
command -v timeout >/dev/null && timeout_cmd=(timeout "$SCHEDULE_TIMEOUT")

# Wall seconds and peak MiB of a /usr/bin/time -v report.
time_wall() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"
}
time_peak_kib() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }

# Run one timed step: NAME CMD...; sets step_rc, step_wall; tracks peak.
peak_kib=0
run_step() {
    local name=$1; shift
    "$TIME_BIN" -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err"
    step_rc=$?
    step_wall=$(time_wall "$work/$name.time"); step_wall=${step_wall:--}
    local kib; kib=$(time_peak_kib "$work/$name.time")
    if [ -n "$kib" ] && [ "$kib" -gt "$peak_kib" ]; then peak_kib=$kib; fi
    if [ "$step_rc" != 0 ]; then step_wall="$step_wall!"; fi   # '!' marks a non-zero exit
}

# Value after KEY in the summary line (`key V`, `key: V`, `key=V`), or "-".
summary_field() { # LINE KEY
    local v
    v=$(grep -oiE "$2[[:space:]]*[:=]?[[:space:]]*[^[:space:],;]+" <<<"$1" | head -1 |
        sed -E "s/^$2[[:space:]]*[:=]?[[:space:]]*//I")
    echo "${v:--}"
}

# Find the bookings.csv an export wrote (file or folder output).
find_bookings() { find "$work/export" -name bookings.csv 2>/dev/null | head -1; }

if [ -n "$keep" ]; then mkdir -p "$keep" || die "cannot create $keep"; fi
fmt="%-4s %-6s %4s %5s %6s | %7s %8s %7s %6s | %7s %11s %10s %10s %8s %6s\n"
printf "$fmt" size var seed util gen_s import schedule export peakMiB placed cost bound gap check
for size in $sizes; do
    variants="normal"
    if [ "$tight" = 1 ] && [ "$size" != L ]; then variants="normal tight"; fi
    for variant in $variants; do
        for seed in $seeds; do
            if [ -n "$keep" ]; then work="$keep/$size-$variant-$seed"; rm -rf "$work"; mkdir -p "$work"
            else work=$(mktemp -d "${TMPDIR:-/tmp}/ordo-bench.XXXXXX"); fi
            data=$work/data
            flag=""; [ "$variant" = tight ] && flag="--tight"
            "$GEN_BIN" --size "$size" --seed "$seed" $flag --out "$data" --verify >"$work/gen.out" 2>&1
            gen_rc=$?
            from=$(sed -n 's/^window: --from \([0-9-]*\) .*/\1/p' "$work/gen.out")
            to=$(sed -n 's/^window: .* --to \([0-9-]*\).*/\1/p' "$work/gen.out")
            util=$(awk '/^tightness:/ { print $3 }' "$work/gen.out")
            gen_s=$(awk '/^generated in/ { print $3 }' "$work/gen.out")
            if [ "$gen_rc" != 0 ] || ! grep -q '^witness OK' "$work/gen.out"; then
                echo "run_training: generation failed for $size $variant seed $seed:" >&2
                cat "$work/gen.out" >&2
                gen_s="FAIL"
            fi
            imp=- sch=- exp=- peak=- placed=- cost=- bound=- gap=- check=-
            if [ "$gen_only" = 0 ] && [ "$gen_s" != FAIL ]; then
                peak_kib=0
                db=$work/ordo.db
                run_step import "$ORDO_BIN" import "$data" --db "$db"; imp=$step_wall
                run_step schedule "${timeout_cmd[@]}" "$ORDO_BIN" schedule --db "$db" --from "$from" --to "$to" \
                    --seed "$seed" ${ORDO_SCHEDULE_ARGS:-}
                sch=$step_wall
                [ "$step_rc" = 4 ] && sch=${sch%!}   # 4 = plan saved, some sessions unscheduled
                line=$(grep -iE 'summary' "$work/schedule.err" | tail -1)
                placed=$(summary_field "$line" placed); cost=$(summary_field "$line" cost)
                bound=$(summary_field "$line" bound); gap=$(summary_field "$line" gap)
                mkdir -p "$work/export"
                total=0; exp_fail=""
                for f in ical csv html; do
                    case $f in csv) o="$work/export/bookings.csv" ;; *) o="$work/export/$f" ;; esac
                    run_step "export-$f" "$ORDO_BIN" export "$f" --db "$db" --out "$o"
                    [ "$step_rc" != 0 ] && exp_fail="!"
                    total=$(awk -v a="$total" -v b="${step_wall%!}" 'BEGIN { printf "%.2f", a + b }')
                done
                exp="$total$exp_fail"
                peak=$(awk -v k="$peak_kib" 'BEGIN { printf "%.1f", k / 1024 }')
                bk=$(find_bookings)
                if [ -n "$bk" ]; then
                    cp "$bk" "$data/ordo_bookings.csv"
                    if "$GEN_BIN" --check "$data" --bookings ordo_bookings.csv --partial --from "$from" --to "$to" \
                        >"$work/check.out" 2>&1; then check=ok; else check=FAIL; fi
                fi
            fi
            printf "$fmt" "$size" "$variant" "$seed" "${util:--}" "${gen_s:--}" "$imp" "$sch" "$exp" "$peak" \
                "$placed" "$cost" "$bound" "$gap" "$check"
            if [ -z "$keep" ]; then rm -rf "$work"; fi
        done
    done
done
