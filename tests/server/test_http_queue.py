#!/usr/bin/env python3
"""test_http_queue.py — the queue and SLA policy routes of ordo serve (issue 11) over real HTTP.

Starts `ordo serve` on a copy of the example organisation and checks: roles
(an agent works the queues, a planner sets rules and policies), an item put in
a queue (400 naming a bad kind or unknown member), picks by two agents (the
oldest first; an item another agent holds refused with 422 and left with its
holder), release (only by its holder), a routing rule set and read back (400
for an empty agent list), assign by round robin in order, route to a queue
with a rule (assigned) and without one (waiting), marie (a resource) skipped
outside her working hours and chosen inside them (`now`), SLA policies added
(400 naming a missing target, 409 for a taken id, 400 for a resolve target
below the first response) and listed with their business hours, and the
responses carrying the OpenAPI schemas' required fields. Usage:
test_http_queue.py ORDO EXAMPLES_DIR
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as t  # noqa: E402  (Server, token, err_is, check)

check, err_is = t.check, t.err_is


def main():
    tmp = tempfile.mkdtemp(prefix="ordo-http-queue-")
    db = os.path.join(tmp, "t.db")
    subprocess.run([t.ORDO, "import", t.EXAMPLE, "--db", db], check=True, capture_output=True)
    agent, planner = t.token(db, "agent", "ann"), t.token(db, "planner", "pat")
    s = t.Server(db)
    try:
        sch = s.req("GET", "/v1/openapi.json", token=agent)[1]["components"]["schemas"]
        # items and picks
        check(err_is(s.req("POST", "/v1/queues/desk/items", {"kind": "parcel", "ref": "x"}, token=agent), 400,
                     "invalid_input"), "bad kind -> 400")
        check(err_is(s.req("POST", "/v1/queues/desk/items", {"kind": "task", "ref": "x", "colour": "red"},
                           token=agent), 400, "invalid_input", "colour"), "unknown member -> 400 naming it")
        ids = []
        for ref in ("t1", "t2", "t3", "t4"):
            st, body, _ = s.req("POST", "/v1/queues/desk/items", {"kind": "task", "ref": ref}, token=agent)
            check(st == 201 and body["queue"] == "desk" and body["ref"] == ref, "item added: %r" % (body,))
            check(set(sch["QueueItem"]["required"]) <= set(body), "item matches schema")
            ids.append(body["id"])
        st, body, _ = s.req("POST", "/v1/queues/desk/pick", {"agent": "ann"}, token=agent)
        check(st == 200 and body["item"] == ids[0], "ann picks the oldest: %r" % (body,))
        st, body, _ = s.req("POST", "/v1/queues/desk/pick", {"agent": "bob"}, token=agent)
        check(st == 200 and body["item"] == ids[1], "bob picks the next one: %r" % (body,))
        check(err_is(s.req("POST", "/v1/queues/desk/pick", {"agent": "bob", "item": ids[0]}, token=agent), 422,
                     "rule"), "an item ann holds -> 422")
        check(err_is(s.req("POST", "/v1/queue-items/%d/release" % ids[0], {"agent": "bob"}, token=agent), 422,
                     "rule"), "bob may not release ann's item")
        st, body, _ = s.req("POST", "/v1/queue-items/%d/release" % ids[0], {"agent": "ann"}, token=agent)
        check(st == 200 and body["released"] is True, "ann releases it")
        st, body, _ = s.req("POST", "/v1/queues/desk/pick", {"agent": "bob", "item": ids[0]}, token=agent)
        check(st == 200 and body["item"] == ids[0], "bob may pick it now")
        check(err_is(s.req("POST", "/v1/queue-items/abc/release", {"agent": "ann"}, token=agent), 404,
                     "not_found"), "a bad item id -> 404")

        # rules and assign
        rule = {"rule": "round_robin", "agents": ["ann", "bob"]}
        check(err_is(s.req("POST", "/v1/queues/desk/rule", rule, token=agent), 403, "forbidden"),
              "an agent may not set rules")
        check(err_is(s.req("POST", "/v1/queues/desk/rule", dict(rule, agents=[]), token=planner), 400,
                     "invalid_input", "agents"), "empty agents -> 400 naming agents")
        check(err_is(s.req("GET", "/v1/queues/desk/rule", token=agent), 404, "not_found"), "no rule yet -> 404")
        st, body, _ = s.req("POST", "/v1/queues/desk/rule", rule, token=planner)
        check(st == 200 and body["rule"] == "round_robin" and body["agents"] == ["ann", "bob"], "rule set: %r" % body)
        check(set(sch["QueueRule"]["required"]) <= set(body), "rule matches schema")
        check(s.req("GET", "/v1/queues/desk/rule", token=agent)[1] == body, "rule read back")
        got = [s.req("POST", "/v1/queue-items/%d/assign" % i, {}, token=agent)[1].get("agent") for i in ids[2:]]
        check(got == ["ann", "bob"], "round robin in order: %r" % got)
        check(err_is(s.req("POST", "/v1/queue-items/%d/assign" % ids[2], {}, token=agent), 422, "rule"),
              "a held item -> 422")

        # route: to a queue without a rule (waits), to one with a rule (assigned)
        st, body, _ = s.req("POST", "/v1/queues/desk/items", {"kind": "task", "ref": "t5"}, token=agent)
        i5 = body["id"]
        st, body, _ = s.req("POST", "/v1/queue-items/%d/route" % i5, {"queue": "backoffice"}, token=agent)
        check(st == 200 and body["queue"] == "backoffice" and body["agent"] is None, "routed, waiting: %r" % body)
        check(s.req("POST", "/v1/queues/trainers/rule", {"rule": "round_robin", "agents": ["marie"]},
                    token=planner)[0] == 200, "trainers rule")
        # Monday 2026-10-12: marie works 09:00-17:00 in Paris (UTC+2)
        st, body, _ = s.req("POST", "/v1/queue-items/%d/route" % i5, {"queue": "trainers",
                                                                      "now": "2026-10-12T20:00:00+02:00"},
                            token=agent)
        check(st == 200 and body["queue"] == "trainers" and body["agent"] is None,
              "marie off duty at 20:00: waiting %r" % body)
        check(err_is(s.req("POST", "/v1/queue-items/%d/assign" % i5, {"now": "2026-10-12T20:00"}, token=agent), 400,
                     "invalid_input", "now"), "now without an offset -> 400")
        st, body, _ = s.req("POST", "/v1/queue-items/%d/assign" % i5, {"now": "2026-10-12T10:00:00+02:00"},
                            token=agent)
        check(st == 200 and body["agent"] == "marie", "marie on duty at 10:00: %r" % body)

        # SLA policies
        pol = {"id": "std", "site": "paris", "first_response_minutes": 120, "resolve_minutes": 960,
               "hours": "09:00-17:00", "days": "MO,TU,WE,TH,FR", "holidays": "2026-12-25"}
        check(err_is(s.req("POST", "/v1/sla-policies", pol, token=agent), 403, "forbidden"),
              "an agent may not add policies")
        bad = dict(pol)
        del bad["resolve_minutes"]
        check(err_is(s.req("POST", "/v1/sla-policies", bad, token=planner), 400, "invalid_input",
                     "resolve_minutes"), "missing resolve target -> 400 naming it")
        check(err_is(s.req("POST", "/v1/sla-policies", dict(pol, resolve_minutes=60), token=planner), 400,
                     "invalid_input", "first_response_minutes"), "resolve before first response -> 400 naming it")
        check(err_is(s.req("POST", "/v1/sla-policies", dict(pol, queue="desk", priority="high"), token=planner),
                     400, "invalid_input", "queue"), "a queue policy with a priority -> 400 naming queue")
        check(err_is(s.req("POST", "/v1/sla-policies", dict(pol, holidays="2027-01-02;2027-01-01"),
                           token=planner), 400, "invalid_input", "holidays"), "holidays out of order -> 400 naming them")
        check(s.req("GET", "/v1/sla-policies", token=agent)[1]["policies"] == [], "refusals stored nothing")
        st, body, _ = s.req("POST", "/v1/sla-policies", pol, token=planner)
        check(st == 201 and body["id"] == "std" and body["resolve_minutes"] == 960 and
              body["hours"].get("MO") == "09:00-17:00" and "SA" not in body["hours"] and
              body["holidays"] == ["2026-12-25"], "policy added: %r" % (body,))
        check(set(sch["SlaPolicy"]["required"]) <= set(body), "policy matches schema")
        check(err_is(s.req("POST", "/v1/sla-policies", pol, token=planner), 409, "conflict"), "same id -> 409")
        st, body, _ = s.req("GET", "/v1/sla-policies", token=agent)
        check(st == 200 and [p["id"] for p in body["policies"]] == ["std"], "policies listed")
        check(s.stop() == 0, "SIGTERM -> exit 0")
    finally:
        if s.p.poll() is None:
            s.p.kill()
    print("%d checks, %d failed" % (t.checks, t.failures))
    return 1 if t.failures else 0


if __name__ == "__main__":
    sys.exit(main())
