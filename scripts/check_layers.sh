#!/usr/bin/env bash
# check_layers.sh — the layering rules of README "Source tree and layers",
# checked on the product sources (model/ solver/ io/ cli/ benchmarks/):
#   - glpk.h is included only by solver/backend_glpk.c, picosat.h only by
#     solver/backend_picosat.c;
#   - sqlite3.h only by the SQLite store backend, io/store/sqlite/*;
#   - app/ reaches the store only through the ops table of io/store/store.h
#     (no ordo_store_* call but ordo_store_backend);
#   - cli/ and server/ own no transaction and write no model: no call of
#     ordo_store_save*/begin/commit/rollback (use cases belong in app/);
#   - libical only by io/ical_* files;
#   - model/ includes only C standard / POSIX headers and model/ headers.
# Prints each violation as FILE:LINE: text and exits 1 if there is any.
set -euo pipefail
cd "$(dirname "$0")/.."

dirs=(model solver io app cli benchmarks server)
bad=0

# only_in PATTERN ALLOWED_REGEX WHAT: includes matching PATTERN outside ALLOWED.
only_in() {
  local pattern=$1 allowed=$2 what=$3 hits
  hits=$(grep -rnE --include='*.c' --include='*.h' "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" \
           "${dirs[@]}" 2>/dev/null | grep -vE "^($allowed):" || true)
  if [ -n "$hits" ]; then
    echo "layers: $what:"
    echo "$hits"
    bad=1
  fi
}

only_in 'glpk\.h' 'solver/backend_glpk\.c' "glpk.h outside solver/backend_glpk.c"
only_in 'picosat\.h' 'solver/backend_picosat\.c' "picosat.h outside solver/backend_picosat.c"
only_in 'sqlite3\.h' 'io/store/sqlite/[^:]*' "sqlite3.h outside io/store/sqlite/"
only_in 'libical/|ical\.h|icalss\.h|icalvcal\.h' 'io/ical_[^:]*' "libical outside io/ical_*"
only_in 'sodium\.h' 'io/crypto_sodium\.c' "sodium.h outside io/crypto_sodium.c"
only_in 'microhttpd\.h' 'server/[^:]*' "microhttpd.h outside server/"
only_in 'jansson\.h' '(server|tests/fuzz)/[^:]*' "jansson.h outside server/"

# app/: the store through its seam only.
hits=$(grep -rnE --include='*.c' --include='*.h' '\bordo_store_[a-z_]+\(' app 2>/dev/null \
         | grep -vE '\bordo_store_backend\(' | grep -vE '^[^:]+:[0-9]+:\s*(/\*|\*)' || true)
if [ -n "$hits" ]; then
  echo "layers: app/ must call the store through ordo_store_ops (io/store/store.h):"
  echo "$hits"
  bad=1
fi

# app/: transactions through app_begin/app_commit/app_rollback (app/app.c), which
# queue the process's writers (shared reads) and release them; calling the
# ops directly would leave the writer queue held.
hits=$(grep -rnE --include='*.c' 'ops->(begin|commit|rollback)\(' app 2>/dev/null | grep -v '^app/app\.c:' || true)
if [ -n "$hits" ]; then
  echo "layers: app/ must open and close transactions with app_begin/app_commit/app_rollback:"
  echo "$hits"
  bad=1
fi

# cli/ and server/: argv or HTTP in, text or JSON out; every use case (its
# reads, writes and transactions) is app/'s, so they never call the store
# (no ordo_store_* call, no io/store.h or io/store/ header). They still name
# io/ types that app/ headers use (service.h's lines and cases, the CSV
# tables), never the store's functions.
hits=$(grep -rnE --include='*.c' --include='*.h' '\bordo_store_[a-z_]+\(' cli server 2>/dev/null \
         | grep -vE '^[^:]+:[0-9]+:\s*(/\*|\*)' || true)
if [ -n "$hits" ]; then
  echo "layers: cli/ and server/ must not call the store (call an app/ use case):"
  echo "$hits"
  bad=1
fi
only_in 'io/store\.h|io/store/' '(io|app|tests|benchmarks)/[^:]*' "the store's headers outside io/ and app/"

# model/: libc and POSIX headers only.
std='assert|complex|ctype|errno|fenv|float|inttypes|iso646|limits|locale|math|setjmp|signal|stdalign|stdarg|stdatomic|stdbool|stddef|stdint|stdio|stdlib|stdnoreturn|string|strings|tgmath|threads|time|uchar|wchar|wctype|unistd|fcntl|dirent|sys/stat|sys/types|sys/time'
hits=$(grep -rnE --include='*.c' --include='*.h' '^[[:space:]]*#[[:space:]]*include' model \
         | grep -vE "#[[:space:]]*include[[:space:]]*(<($std)\.h>|\"model/[^\"]+\")" || true)
if [ -n "$hits" ]; then
  echo "layers: model/ must include only libc/POSIX and model/ headers:"
  echo "$hits"
  bad=1
fi

if [ "$bad" -ne 0 ]; then
  echo "layers: FAIL"
  exit 1
fi
echo "layers: OK (glpk.h, picosat.h, sqlite3.h and libical each in their adapter; model/ libc only)"
