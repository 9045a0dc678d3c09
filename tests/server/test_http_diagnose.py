#!/usr/bin/env python3
"""test_http_diagnose.py — GET /v1/courses/{id}/diagnosis (an ordo extension
documented in server/openapi.json) over real HTTP, on the instance that
tests/e2e/test_diagnose.sh builds impossible in known ways
(tests/e2e/data/diagnose): the rule sets must be the ones the CLI finds
(bank -> {hour_bank}, big -> {seats}, offday -> {min_days_between, skill,
time_off, window}), every rule verified; `fine` fits; the window comes from
the query or from the last `ordo schedule`; roles (agent 403, planner 200);
errors 400 naming from/to/slot, 404 naming course; the database is
byte-identical afterwards (read-only), and responses carry the schema's
required fields. Helpers are test_http.py's.
Usage: test_http_diagnose.py ORDO DIAGNOSE_DATA_DIR
"""
import hashlib
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as t  # noqa: E402  (Server, token, err_is, check)

check, err_is = t.check, t.err_is
WINDOW = "from=2027-01-04&to=2027-01-15"


def kinds(body):
    return sorted(r["kind"] for r in body.get("rules", []))


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    tmp = tempfile.mkdtemp(prefix="ordo-http-diag-")
    db = os.path.join(tmp, "t.db")
    subprocess.run([t.ORDO, "import", t.EXAMPLE, "--db", db], check=True, capture_output=True)
    agent, planner = t.token(db, "agent", "ann"), t.token(db, "planner", "pat")
    s = t.Server(db)
    try:
        sch = s.req("GET", "/v1/openapi.json", token=planner)[1]
        check("/v1/courses/{id}/diagnosis" in sch["paths"], "route documented in openapi.json")
        req = set(sch["components"]["schemas"]["Diagnosis"]["required"])

        # before any schedule: no saved window
        check(err_is(s.req("GET", "/v1/courses/bank/diagnosis", token=planner), 400, "invalid_input", "from"),
              "no window given or saved -> 400 naming from")
        st, b, _ = s.req("GET", "/v1/courses/bank/diagnosis?" + WINDOW, token=planner)
        check(st == 200 and kinds(b) == ["hour_bank"] and not b["fits"] and b["explained"],
              "bank with an explicit window -> {hour_bank}: %r" % (b,))
        check(err_is(s.req("GET", "/v1/courses/bank/diagnosis?" + WINDOW, token=agent), 403, "forbidden"),
              "agent may not diagnose -> 403")
        check(err_is(s.req("GET", "/v1/courses/nosuch/diagnosis?" + WINDOW, token=planner), 404, "not_found",
                     "course"), "unknown course -> 404 naming course")
        check(err_is(s.req("GET", "/v1/courses/bank/diagnosis?from=2027-01-04", token=planner), 400,
                     "invalid_input", "to"), "from without to -> 400 naming to")
        check(err_is(s.req("GET", "/v1/courses/bank/diagnosis?from=2027-13-04&to=2027-01-15", token=planner), 400,
                     "invalid_input", "from"), "bad date -> 400 naming from")
        check(err_is(s.req("GET", "/v1/courses/bank/diagnosis?from=2027-01-15&to=2027-01-04", token=planner), 400,
                     "invalid_input", "from"), "reversed window -> 400 naming from")
        check(err_is(s.req("GET", "/v1/courses/bank/diagnosis?%s&slot=0" % WINDOW, token=planner), 400,
                     "invalid_input", "slot"), "slot 0 -> 400 naming slot")

        # plan (CLI, saves the window), then diagnose with the saved window
        r = subprocess.run([t.ORDO, "schedule", "--db", db, "--from", "2027-01-04", "--to", "2027-01-15", "--quiet"],
                           capture_output=True, text=True)
        check(r.returncode == 4, "schedule leaves sessions unscheduled (exit %d)" % r.returncode)
        check(s.stop() == 0, "SIGTERM -> exit 0")
        before = digest(db)          # after the server's close: WAL checkpointed into the file
        s.start()
        want = {"bank": ["hour_bank"], "big": ["seats"], "offday": ["min_days_between", "skill", "time_off", "window"]}
        for course, rules in want.items():
            st, b, _ = s.req("GET", "/v1/courses/%s/diagnosis" % course, token=planner)
            check(st == 200 and req <= set(b), "%s: response has the schema's required fields: %r" % (course, b))
            check(b.get("course") == course and (b.get("from"), b.get("to")) == ("2027-01-04", "2027-01-15"),
                  "%s: saved window used: %r" % (course, b))
            check(kinds(b) == rules and all(x["verified"] and x["text"] for x in b["rules"]),
                  "%s: rules %s, expected %s, all verified" % (course, kinds(b), rules))
            check(b.get("unscheduled", 0) >= 1 and not b["fits"] and b["explained"],
                  "%s: unscheduled counted, explained: %r" % (course, b))
        st, b, _ = s.req("GET", "/v1/courses/fine/diagnosis", token=planner)
        check(st == 200 and b["fits"] and b["rules"] == [] and b["unscheduled"] == 0 and b["sessions"] == 2,
              "fine fits: %r" % (b,))
        check(s.stop() == 0, "SIGTERM -> exit 0")
        check(digest(db) == before, "diagnosis requests left the database byte-identical")
    finally:
        if s.p.poll() is None:
            s.p.kill()
    print("%d checks, %d failed" % (t.checks, t.failures))
    return 1 if t.failures else 0


if __name__ == "__main__":
    sys.exit(main())
