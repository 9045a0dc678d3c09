#!/usr/bin/env bash
# test_readme.sh — every command shown in README.md runs as shown on the
# bundled example. The commands are extracted from README.md's code blocks:
#   - in a block with "$ " prompts, the prompted lines are the commands (the
#     rest is their output);
#   - in a ```sh block without prompts, every line that is not a comment;
# a trailing "\" joins the next line. A comment line "# exit N" right after
# a command says the command exits N (a refusal shown on purpose); every
# other command must exit 0. They run in order, in one bash process (so
# TOKEN=$(...), "&" and "kill %1" work), in a temporary folder holding a
# copy of examples/, tests/e2e/data/ and ../shared/data/itc2007, with the
# built ordo first on PATH and the server's port 8080 replaced by a free
# port of 127.0.0.1. Skipped, and printed as such: the set-up that installs
# packages as root (scripts/setup.sh), the two cmake build steps of the same
# line (the test runs the ordo under test: ORDO_BIN, also for scripts/demo.sh,
# which does run) and the test command itself (scripts/test.sh, which runs
# this test).
# Environment: ORDO_BIN, ORDO_SOURCE_DIR, ORDO_SHARED_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
ordo=$(cd "$(dirname "$ordo")" && pwd)/$(basename "$ordo")
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
shared=${ORDO_SHARED_DIR:-$src/../shared}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_readme.XXXXXX")
cleanup() {
  # only the server this test started (its pid is recorded by the script)
  [ -s "$tmp/server.pid" ] && kill "$(cat "$tmp/server.pid")" 2>/dev/null
  [ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT

work=$tmp/ordo
mkdir -p "$work/tests/e2e" "$tmp/shared/data" "$tmp/bin"
cp -r "$src/examples" "$work/examples"
mkdir -p "$work/scripts" && cp "$src/scripts/demo.sh" "$work/scripts/"
cp -r "$src/tests/e2e/data" "$work/tests/e2e/data"
mkdir -p "$tmp/shared/data/itc2007" && cp "$shared/data/itc2007/comp01.ctt" "$tmp/shared/data/itc2007/"
ln -s "$ordo" "$tmp/bin/ordo"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

# Extract the commands into a script that runs each and checks its exit code.
python3 - "$src/README.md" "$port" >"$tmp/readme_cmds.sh" 2>"$tmp/extract.err" <<'EOF'
import re, shlex, sys
readme, port = sys.argv[1], sys.argv[2]
SKIP = {  # a fragment of the command -> why it does not run here
    "scripts/setup.sh": "set-up: installs packages with apt-get as root",
    "scripts/test.sh": "the test command itself (runs this test)",
    "cmake ": "set-up: the build (this test runs the ordo under test, ORDO_BIN)",
}
lines = open(readme, encoding="utf-8").read().split("\n")
cmds, skipped = [], []      # (line number, command, expected exit)
i = 0
while i < len(lines):
    m = re.match(r"^```(\S*)\s*$", lines[i])
    if not m:
        i += 1
        continue
    lang, start = m.group(1), i + 1
    j = start
    while j < len(lines) and not lines[j].startswith("```"):
        j += 1
    block = lines[start:j]
    prompted = any(l.startswith("$ ") for l in block)
    k = 0
    while k < len(block):
        raw = block[k]
        no = start + k + 1
        if prompted:
            if not raw.startswith("$ "):
                k += 1
                continue
            text = raw[2:]
        elif lang == "sh":
            if not raw.strip() or raw.lstrip().startswith("#"):
                k += 1
                continue
            text = raw
        else:
            break
        while text.endswith("\\") and k + 1 < len(block):
            k += 1
            text = text[:-1].rstrip() + " " + block[k].strip()
        expect = 0
        if k + 1 < len(block):
            e = re.match(r"^# exit (\d+)\b", block[k + 1])
            if e:
                expect = int(e.group(1))
        # a chain "a && b && c": its set-up parts are skipped, the rest runs
        parts = [p.strip() for p in text.split(" && ")] if " && " in text else [text]
        keep = []
        for part in parts:
            why = next((w for f, w in SKIP.items() if part.startswith(f)), None)
            if why:
                skipped.append((no, part, why))
            else:
                keep.append(part)
        if keep:
            cmds.append((no, " && ".join(keep).replace("8080", port), expect))
        k += 1
    i = j + 1
for no, text, why in skipped:
    print(f"skipped README.md:{no}: {text}  ({why})", file=sys.stderr)
print("fails=0; n=0")
for no, text, expect in cmds:
    label = shlex.quote(f"README.md:{no}: {text}")
    print(f"echo \"+ \"{label}")
    print(text)
    print(f"rc=$?; n=$((n + 1)); if [ $rc -ne {expect} ]; then fails=$((fails + 1)); "
          f"echo \"FAIL: \"{label}\" exited $rc, expected {expect}\" >&2; fi")
    if text.rstrip().endswith("&") or " & " in text.split("#")[0]:
        print("echo $! > \"$SERVER_PID_FILE\"")
print("wait")   # the server, once `kill %1` asked it to stop
print("echo \"ran $n README commands, $fails failed\"")
print("[ $fails -eq 0 ]")
EOF
[ $? -eq 0 ] || { echo "FAIL: could not extract README commands:"; cat "$tmp/extract.err"; exit 1; }
cat "$tmp/extract.err"       # the skipped lines, named
ncmd=$(grep -c '^rc=\$?' "$tmp/readme_cmds.sh")
nskip=$(grep -c '^skipped ' "$tmp/extract.err")
echo "test_readme: $ncmd commands to run, $nskip skipped"
[ "$ncmd" -ge 40 ] || { echo "FAIL: only $ncmd commands found in README.md"; exit 1; }
[ "$nskip" -eq 4 ] || { echo "FAIL: expected exactly setup.sh, 2 cmake steps and test.sh skipped, got $nskip"; exit 1; }

cd "$work" || exit 1
PATH="$tmp/bin:$PATH" ORDO_BIN="$ordo" SERVER_PID_FILE="$tmp/server.pid" timeout 600 bash "$tmp/readme_cmds.sh" >"$tmp/run.out" 2>"$tmp/run.err"
rc=$?
tail -1 "$tmp/run.out"
if [ $rc -ne 0 ]; then
  echo "FAIL: README commands (exit $rc):"
  grep -E '^FAIL' "$tmp/run.err"
  echo "--- last output:"; tail -40 "$tmp/run.out"; echo "--- stderr:"; tail -40 "$tmp/run.err"
  exit 1
fi
# the server answered: the booking POSTed through curl is in the desk database
"$ordo" session list --db "$work/desk.db" --course booking-1 >"$tmp/desk.out" 2>&1 \
  && grep -q "booking-1	1/1	planned	2026-12-07 08:00" "$tmp/desk.out" \
  || { echo "FAIL: the README's curl booking is not in desk.db:"; cat "$tmp/desk.out"; exit 1; }
echo "test_readme: all README commands ran as shown"
