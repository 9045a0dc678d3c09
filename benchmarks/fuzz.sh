#!/usr/bin/env bash
# fuzz.sh [SECONDS] — the long fuzzing run (default 600 s per harness) of
# scripts/fuzz.sh, printing executions, crashes and the slowest input.
exec "$(dirname "$0")/../scripts/fuzz.sh" "${1:-600}"
