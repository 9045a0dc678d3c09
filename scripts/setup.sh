#!/usr/bin/env bash
# setup.sh — install what ordo needs to build, test and check its calendars
# on Debian (12 or later). Idempotent: when every package is already
# installed it only checks (dpkg-query) and exits, so a second run is fast.
# Runs apt-get as root, or through sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config          # compiler and build
  libglpk-dev libsqlite3-dev libical-dev    # solver, store, calendars
  picosat                                   # SAT: bounds the MILPs cannot prove (solver/sat.h)
  libmicrohttpd-dev libjansson-dev libsodium-dev  # ordo serve: HTTP, JSON, token hashing
  tzdata                                    # IANA zones for local times
  python3 python3-icalendar calcurse khal   # shared/tools/ics-check
  time                                      # /usr/bin/time for benchmarks
  chromium nodejs curl                      # browser tests (playwright-core drives chromium; npm comes with nodejs)
  clang libclang-rt-14-dev                  # libFuzzer harnesses (tests/fuzz)
)

missing=()
for p in "${packages[@]}"; do
  # one query, no pipe: `dpkg -s | grep -q` under pipefail can fail on SIGPIPE
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
echo "setup: done"
