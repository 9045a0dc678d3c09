#!/usr/bin/env bash
# test.sh — the project's whole test run, the one CI runs (.ci/run):
#   1. scripts/setup.sh (Debian packages; fast when already installed);
#   2. scripts/check_layers.sh (which library each layer may include);
#   3. build-ci:   default build type (RelWithDebInfo, optimised), -Werror, then ctest;
#   4. build-asan: AddressSanitizer + UndefinedBehaviorSanitizer, -Werror, then ctest;
#   5. build-release: Release (-O3), -Werror, built only: GCC warns of some
#      things (maybe-uninitialized) only at -O3, and users build Release;
#   6. scripts/fuzz.sh: the libFuzzer harnesses (clang, ASan+UBSan), 20 s each.
# Runs every step even after a failure, ends with each ctest summary, and
# exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/setup.sh || { echo "test: setup failed" >&2; exit 1; }

failed=()
jobs=${ORDO_JOBS:-2}

scripts/check_layers.sh || failed+=("layers")

# suite NAME CMAKE_ARGS...: configure, build, ctest; log in NAME/ctest.log.
suite() {
  local dir=$1; shift
  echo
  echo "=== $dir: cmake $* ==="
  rm -f "$root/$dir/ctest.log"
  if ! cmake -S "$root" -B "$root/$dir" "$@"; then
    failed+=("$dir (configure)"); return
  fi
  if ! cmake --build "$root/$dir" -j"$jobs"; then
    failed+=("$dir (build)"); return
  fi
  if ! (cd "$root/$dir" && ctest --output-on-failure 2>&1 | tee "$root/$dir/ctest.log"); then
    failed+=("$dir (ctest)")
  fi
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

suite build-ci -DORDO_WERROR=ON
suite build-asan -DORDO_SANITIZE="address;undefined" -DORDO_WERROR=ON

echo
echo "=== build-release: cmake -DCMAKE_BUILD_TYPE=Release -DORDO_WERROR=ON (build only) ==="
if ! cmake -S "$root" -B "$root/build-release" -DCMAKE_BUILD_TYPE=Release -DORDO_WERROR=ON ||
   ! cmake --build "$root/build-release" -j"$jobs"; then
  failed+=("build-release (build)")
fi

echo
echo "=== fuzz: libFuzzer harnesses, short run ==="
scripts/fuzz.sh "${ORDO_FUZZ_SECONDS:-20}" || failed+=("fuzz")

echo
echo "=== summary ==="
for dir in build-ci build-asan; do
  if [ -f "$root/$dir/ctest.log" ]; then
    echo "--- $dir"
    sed -n '/tests passed\|tests failed/,$p' "$root/$dir/ctest.log"
  else
    echo "--- $dir: no ctest run"
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "test: FAILED: ${failed[*]}"
  exit 1
fi
echo "test: all passed (layers, build-ci, build-asan, build-release, fuzz)"
