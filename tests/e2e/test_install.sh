#!/bin/bash
# test_install.sh — `cmake --install` into a temporary prefix gives the ordo
# command, libordo and a pkg-config file with which a program outside the tree
# compiles, links and runs against the library (model + solver API).
set -euo pipefail
build=$(dirname "${ORDO_BIN:?ORDO_BIN not set}")
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
test -x "$tmp/prefix/bin/ordo"
pc=$(find "$tmp/prefix" -name ordo.pc | head -1)
test -n "$pc"
export PKG_CONFIG_PATH=$(dirname "$pc")
cat > "$tmp/consumer.c" <<'C'
#include "model/model.h"
#include "solver/solve.h"
#include <stdio.h>
int main(void)
{
    ordo_model *m = NULL;
    if (ordo_model_new(&m) != ORDO_OK)
        return 1;
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    ordo_date_parse("2026-01-05", &o.from);
    o.to = o.from;
    ordo_solve_result r;
    int rc = ordo_solve(m, &o, &r);     /* an empty model: nothing to place */
    printf("%d %d/%d\n", rc, r.placed, r.total);
    ordo_model_free(m);
    return rc == ORDO_OK && r.total == 0 ? 0 : 1;
}
C
# a sanitized build's library needs the consumer built with the same runtime.
# ldd's output is read whole first: `ldd | grep -q` under pipefail fails when
# grep exits on the first match and ldd dies of SIGPIPE (seen in CI).
san=()
deps=$(ldd "$(pkg-config --variable=libdir ordo)/libordo.so")
if [[ $deps == *libasan* ]]; then
  san=(-fsanitize=address,undefined)
fi
cc -std=c11 -Wall -Werror "${san[@]}" "$tmp/consumer.c" $(pkg-config --cflags --libs ordo) -o "$tmp/consumer"
out=$(LD_LIBRARY_PATH=$(pkg-config --variable=libdir ordo) "$tmp/consumer")
[ "$out" = "0 0/0" ] || { echo "consumer printed '$out'" >&2; exit 1; }
"$tmp/prefix/bin/ordo" --version
echo "test_install: OK"
