#!/usr/bin/env python3
"""test_http_score.py — the saved plan's score over real HTTP (an ordo
extension documented in server/openapi.json): GET /v1/score and the "score"
of a finished POST /v1/schedule job, on the example organisation.

Asserted: the routes and schemas are documented; before any schedule there
is no window (400 naming from); an agent may not read it (403); a job run
through the API saves its window, and its score's goal costs add up to the
summary's cost, each goal's items to the goal, its bound is the summary's,
and `together` is that bound minus the goals' own bounds; GET /v1/score
(window from the job) proves the same cost and bound again, and so does
`ordo score --db` on the same file while the server runs; top limits the
listed items but not their count; bound=0 leaves the bound null; bad
queries get 400 naming the parameter; the reads leave the database
byte-identical. Helpers are test_http.py's.
Usage: test_http_score.py ORDO EXAMPLE_DIR
"""
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as t  # noqa: E402  (Server, token, err_is, check)

check, err_is = t.check, t.err_is
FROM, TO = "2026-10-12", "2026-11-20"
EPS = 0.005


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def adds_up(sc, what):
    """The score's own arithmetic: goals sum to cost, items to goals, together = bound - goals' bounds."""
    goals = sc["goals"]
    check(abs(sum(g["cost"] for g in goals) - sc["cost"]) < EPS,
          "%s: goal costs %r add up to the cost %.2f" % (what, [g["cost"] for g in goals], sc["cost"]))
    check(abs(sum(g["bound"] for g in goals) - sc["goals_bound"]) < EPS, "%s: goals_bound is their sum" % what)
    for g in goals:
        check(g["bound"] <= g["cost"] + EPS, "%s: %s bound %.2f <= its cost %.2f" % (what, g["key"], g["bound"],
                                                                                  g["cost"]))
        if g["items_total"] == len(g["items"]):
            check(abs(sum(i["cost"] for i in g["items"]) - g["cost"]) < EPS,
                  "%s: %s items add up to %.2f" % (what, g["key"], g["cost"]))
        check(all(i["text"] and i["id"] and i["subject"] in ("course", "person", "cohort") for i in g["items"]),
              "%s: %s items name their subject" % (what, g["key"]))
    b = sc["bound"]
    check(b is not None and 0 < b <= sc["cost"] + EPS, "%s: bound %r in (0, cost]" % (what, b))
    check(b >= sc["goals_bound"] - EPS, "%s: bound %.2f >= goals' own %.2f" % (what, b, sc["goals_bound"]))
    check(abs(sc["together"] - max(0.0, b - sc["goals_bound"])) < EPS,
          "%s: together %.2f = bound - goals' bounds" % (what, sc["together"]))
    check(sc["bound_text"].startswith("bound %.2f: " % b), "%s: bound in words: %s" % (what, sc["bound_text"]))


def main():
    tmp = tempfile.mkdtemp(prefix="ordo-http-score-")
    db = os.path.join(tmp, "t.db")
    subprocess.run([t.ORDO, "import", t.EXAMPLE, "--db", db], check=True, capture_output=True)
    agent, planner = t.token(db, "agent", "ann"), t.token(db, "planner", "pat")
    s = t.Server(db)
    try:
        sch = s.req("GET", "/v1/openapi.json", token=planner)[1]
        check("/v1/score" in sch["paths"] and "Score" in sch["components"]["schemas"], "route and schema documented")
        required = set(sch["components"]["schemas"]["Score"]["required"])

        check(err_is(s.req("GET", "/v1/score", token=planner), 400, "invalid_input", "from"),
              "no schedule yet, no window given -> 400 naming from")
        check(err_is(s.req("GET", "/v1/score?from=%s&to=%s" % (FROM, TO), token=agent), 403, "forbidden"),
              "agent may not read the score -> 403")

        st, b, _ = s.req("POST", "/v1/schedule", {"from": FROM, "to": TO, "time_limit": 5}, token=planner)
        check(st == 202, "schedule job started: %d %r" % (st, b))
        job = None
        for _ in range(600):
            job = s.req("GET", "/v1/jobs/%s" % b["job"], token=planner)[1]
            if job["state"] != "running":
                break
            time.sleep(0.1)
        check(job["state"] == "done" and job["summary"]["placed"] == job["summary"]["total"],
              "job done, every session placed: %r" % (job,))
        js, sm = job["score"], job["summary"]
        check(required <= set(js), "job score has the schema's required fields: %r" % sorted(js))
        check(abs(js["cost"] - sm["cost"]) < EPS and abs(js["bound"] - sm["bound"]) < EPS,
              "job score: cost %.2f bound %.2f = summary's %.2f / %.2f" % (js["cost"], js["bound"], sm["cost"],
                                                                           sm["bound"]))
        adds_up(js, "job")
        check(js["together"] > 0, "the example's goals compete (together %.2f > 0)" % js["together"])

        st, sc, _ = s.req("GET", "/v1/score", token=planner)
        check(st == 200 and required <= set(sc), "GET /v1/score: 200 with the required fields: %d" % st)
        check((sc.get("from"), sc.get("to"), sc.get("slot")) == (FROM, TO, 30), "the job's window was saved: %r" %
              ((sc.get("from"), sc.get("to"), sc.get("slot")),))
        check(abs(sc["cost"] - js["cost"]) < EPS and abs(sc["bound"] - js["bound"]) < EPS,
              "GET /v1/score proves the job's cost and bound again: %.2f / %.2f" % (sc["cost"], sc["bound"]))
        adds_up(sc, "GET")
        cli = subprocess.run([t.ORDO, "score", "--db", db], capture_output=True, text=True)
        m = re.search(r"^bound ([0-9.]+): ", cli.stdout, re.M)
        check(cli.returncode == 0 and m and abs(float(m.group(1)) - sc["bound"]) < EPS,
              "ordo score while the server runs: the same bound (%s)" % (m and m.group(1)))

        st, one, _ = s.req("GET", "/v1/score?top=1&bound=0", token=planner)
        check(st == 200 and one["bound"] is None and abs(one["cost"] - sc["cost"]) < EPS,
              "bound=0: same cost, no bound: %r" % (one.get("bound"),))
        check(all(len(g["items"]) <= 1 for g in one["goals"]) and
              [g["items_total"] for g in one["goals"]] == [g["items_total"] for g in sc["goals"]],
              "top=1: one item per goal, items_total unchanged")
        for query, field in (("top=-1", "top"), ("bound=2", "bound"), ("time_limit=0", "time_limit"),
                             ("time_limit=abc", "time_limit"), ("slot=0", "slot"), ("from=" + FROM, "to"),
                             ("from=2026-11-31&to=" + TO, "from")):
            check(err_is(s.req("GET", "/v1/score?" + query, token=planner), 400, "invalid_input", field),
                  "%s -> 400 naming %s" % (query, field))

        check(s.stop() == 0, "SIGTERM -> exit 0")
        before = digest(db)
        s.start()
        for q in ("", "?top=0", "?from=%s&to=%s&time_limit=1" % (FROM, TO)):
            check(s.req("GET", "/v1/score" + q, token=planner)[0] == 200, "GET /v1/score%s -> 200" % q)
        check(s.stop() == 0, "SIGTERM -> exit 0")
        check(digest(db) == before, "score requests left the database byte-identical")
    finally:
        if s.p.poll() is None:
            s.p.kill()
    print("%d checks, %d failed" % (t.checks, t.failures))
    return 1 if t.failures else 0


if __name__ == "__main__":
    sys.exit(main())
