#!/usr/bin/env bash
# fuzz.sh [SECONDS] — builds the libFuzzer harnesses of tests/fuzz with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer (build-fuzz/), and runs each
# for SECONDS (default 20) on a copy of its seed corpus. Prints per harness:
# executions, crashes (0 expected), the slowest input's time. Exits non-zero on
# any crash, leak or sanitizer report. scripts/test.sh runs it short;
# benchmarks/fuzz.sh runs it long.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
root=$(pwd)
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DORDO_FUZZ=ON -DORDO_SANITIZE="address;undefined" \
      -DORDO_BUILD_TESTS=OFF -DORDO_BUILD_BENCH=OFF >/dev/null
harnesses=$(sed -n 's/^ *add_executable(\(fuzz_[a-z_]*\) .*/\1/p' CMakeLists.txt)
cmake --build build-fuzz -j"${ORDO_JOBS:-2}" --target $harnesses >/dev/null
status=0
for h in $harnesses; do
  corpus=$root/build-fuzz/corpus-$h
  rm -rf "$corpus"; mkdir -p "$corpus"
  cp "$root/tests/fuzz/corpus/${h#fuzz_}/"* "$corpus/" 2>/dev/null || true
  log=$root/build-fuzz/$h.log
  if "$root/build-fuzz/$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$root/build-fuzz/$h-" "$corpus" >"$log" 2>&1; then
    crashes=0
  else
    crashes=1; status=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  slow=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log" | tail -1)
  echo "fuzz: $h: ${execs:-?} executions in ${secs} s, crashes $crashes, slowest input ${slow:-?} s"
  if [ "$crashes" -ne 0 ]; then tail -40 "$log"; fi
done
exit $status
