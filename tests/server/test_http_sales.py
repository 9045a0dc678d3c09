#!/usr/bin/env python3
"""test_http_sales.py — the sales routes of ordo serve (issue 11) over real HTTP.

Starts `ordo serve` on 127.0.0.1 (a free port) on a copy of the example
organisation and checks: roles (agent reads, planner writes), lead add and
a 400 naming the field with nothing stored, qualify finding a look-alike
contact (409 listing it, nothing made) then qualify picking it (201), a
disqualified lead refused on qualify (422), stage move with history, win
(contract holding the minutes sold), lose refused on a won opportunity and
a move refused on it (422, unchanged), lose of an open one, the pipeline
totals, and responses carrying the OpenAPI schemas' required fields.
Helpers are test_http.py's. Usage: test_http_sales.py ORDO EXAMPLES_DIR
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as t  # noqa: E402  (Server, token, err_is, check)

check, err_is = t.check, t.err_is


def main():
    tmp = tempfile.mkdtemp(prefix="ordo-http-sales-")
    db = os.path.join(tmp, "t.db")
    subprocess.run([t.ORDO, "import", t.EXAMPLE, "--db", db], check=True, capture_output=True)
    agent, planner = t.token(db, "agent", "ann"), t.token(db, "planner", "pat")
    s = t.Server(db)
    try:
        sch = s.req("GET", "/v1/openapi.json", token=agent)[1]["components"]["schemas"]
        l1 = {"id": "L1", "topic": "Excel for sales", "first_name": "Sofie", "last_name": "Laurent",
              "company": "ACME Industries SA", "email": "sophie.laurent@acme.example", "channel": "web",
              "rating": "hot"}
        check(err_is(s.req("POST", "/v1/leads", l1, token=agent), 403, "forbidden"), "agent may not add a lead")
        check(err_is(s.req("POST", "/v1/leads", dict(l1, score=200), token=planner), 400, "invalid_input",
                     "score"), "score 200 -> 400 naming score")
        check(err_is(s.req("POST", "/v1/leads", dict(l1, channel="fax"), token=planner), 400, "invalid_input",
                     "channel"), "unknown channel -> 400 naming channel")
        # every rule of the lead's check names its request field
        check(err_is(s.req("POST", "/v1/leads", dict(l1, email="sophie at acme"), token=planner), 400,
                     "invalid_input", "email"), "bad e-mail -> 400 naming email")
        nameless = {k: v for k, v in l1.items() if k not in ("first_name", "last_name", "company")}
        check(err_is(s.req("POST", "/v1/leads", nameless, token=planner), 400, "invalid_input", "first_name"),
              "no name and no company -> 400 naming first_name")
        check(err_is(s.req("POST", "/v1/leads", dict(l1, campaign="CMP1"), token=planner), 400,
                     "invalid_input", "campaign"), "a campaign and a channel -> 400 naming campaign")
        check(err_is(s.req("POST", "/v1/leads", dict(l1, phone="+33 1 23 45 67 89 (standard, ask for ext 1234)"),
                           token=planner), 400, "invalid_input", "phone"),
              "a phone a contact would refuse -> 400 naming phone (qualify copies it)")
        check(s.req("GET", "/v1/leads", token=agent)[1]["leads"] == [], "refused leads stored nothing")
        st, lead, _ = s.req("POST", "/v1/leads", l1, token=planner)
        check(st == 201 and lead["id"] == "L1" and lead["status"] == "open" and lead["rating"] == "hot",
              "lead added: %r" % (lead,))
        check(set(sch["Lead"]["required"]) <= set(lead), "lead response matches schema")
        check(err_is(s.req("POST", "/v1/leads", l1, token=planner), 409, "conflict"), "same id twice -> 409")
        st, body, _ = s.req("GET", "/v1/leads", token=agent)
        check(st == 200 and [x["id"] for x in body["leads"]] == ["L1"], "agent lists leads")

        # qualify: the lead looks like contact sophie.laurent -> 409 with candidates, nothing made
        st, body, _ = s.req("POST", "/v1/leads/L1/qualify", {"minutes": 720, "service": "excel", "value": 480000},
                            token=planner)
        cands = body.get("error", {}).get("candidates", []) if isinstance(body, dict) else []
        check(st == 409 and body["error"]["field"] == "contact" and "sophie.laurent" in [c["id"] for c in cands],
              "qualify with a look-alike -> 409 listing it: %r" % (body,))
        check(all(c.get("kind") in ("contact", "account") for c in cands)
              and [c["kind"] for c in cands if c["id"] == "sophie.laurent"] == ["contact"],
              "candidates carry their kind: %r" % (cands,))
        check(s.req("GET", "/v1/opportunities", token=agent)[1]["opportunities"] == [], "409 made no opportunity")
        check(s.req("GET", "/v1/leads", token=agent)[1]["leads"][0]["status"] == "open", "409: lead still open")
        st, q, _ = s.req("POST", "/v1/leads/L1/qualify", {"contact": "sophie.laurent", "minutes": 720,
                                                          "service": "excel", "value": 480000}, token=planner)
        check(st == 201 and q["contact"] == "sophie.laurent" and q["account"] == "acme" and q["opportunity"] == "L1-opp"
              and not q["created_contact"], "qualify picking the contact: %r" % (q,))
        check(err_is(s.req("POST", "/v1/leads/nope/qualify", {}, token=planner), 404, "not_found"), "unknown lead 404")

        # a company like an existing account (Initek ~ Initech): 409 naming the account field, nothing made
        check(s.req("POST", "/v1/leads", {"id": "L9", "topic": "Word", "last_name": "Zed", "company": "Initek",
                                          "channel": "web"}, token=planner)[0] == 201, "lead L9 added")
        st, body, _ = s.req("POST", "/v1/leads/L9/qualify", {}, token=planner)
        cands = body.get("error", {}).get("candidates", []) if isinstance(body, dict) else []
        check(st == 409 and body["error"]["field"] == "account"
              and [(c["id"], c["kind"]) for c in cands] == [("initech", "account")],
              "qualify with a look-alike company -> 409 listing the account: %r" % (body,))
        check([o["id"] for o in s.req("GET", "/v1/opportunities", token=agent)[1]["opportunities"]] == ["L1-opp"],
              "account 409 made no opportunity")

        # a disqualified lead is refused on qualify
        check(err_is(s.req("POST", "/v1/leads", {"id": "L3", "company": "Umbrella", "channel": "phone"},
                           token=planner), 400, "invalid_input", "topic"), "lead without topic -> 400 naming topic")
        check(s.req("POST", "/v1/leads", {"id": "L3", "topic": "Word", "company": "Umbrella", "channel": "phone"},
                    token=planner)[0] == 201, "lead L3 added")
        check(err_is(s.req("POST", "/v1/leads/L3/disqualify", {"reason": "cheap"}, token=planner), 400,
                     "invalid_input", "reason"), "bad disqualify reason -> 400")
        st, body, _ = s.req("POST", "/v1/leads/L3/disqualify", {"reason": "no_budget"}, token=planner)
        check(st == 200 and body["status"] == "disqualified" and body["reason"] == "no_budget", "disqualified")
        check(err_is(s.req("POST", "/v1/leads/L3/qualify", {"create_new": True}, token=planner), 422, "rule"),
              "qualify a disqualified lead -> 422")

        # a second opportunity, for a new customer
        check(s.req("POST", "/v1/leads", {"id": "L2", "topic": "Access", "first_name": "Zed", "last_name": "Quux",
                                          "company": "Initech", "channel": "referral"}, token=planner)[0] == 201,
              "lead L2 added")
        st, q2, _ = s.req("POST", "/v1/leads/L2/qualify", {"value": 100000}, token=planner)
        check(st == 201 and q2["opportunity"] == "L2-opp" and q2["created_contact"], "qualify L2: %r" % (q2,))

        # stages
        check(err_is(s.req("POST", "/v1/opportunities/L1-opp/stage", {"stage": "develop"}, token=agent), 403,
                     "forbidden"), "agent may not move a stage")
        st, o, _ = s.req("POST", "/v1/opportunities/L1-opp/stage", {"stage": "develop"}, token=planner)
        check(st == 200 and o["stage"] == "develop" and o["status"] == "open", "moved to develop: %r" % (o,))
        check(set(sch["Opportunity"]["required"]) <= set(o), "opportunity response matches schema")
        check(err_is(s.req("POST", "/v1/opportunities/L1-opp/stage", {"stage": "nowhere"}, token=planner), 400,
                     "invalid_input"), "unknown stage -> 400")
        st, o, _ = s.req("GET", "/v1/opportunities/L1-opp", token=agent)
        check(st == 200 and o["stage"] == "develop" and [h["to"] for h in o["history"]][-1] == "develop",
              "history shows the move: %r" % (o.get("history"),))

        # win, then lose and move are refused
        st, o, _ = s.req("POST", "/v1/opportunities/L1-opp/win", {"reason": "price"}, token=planner)
        check(st == 200 and o["status"] == "won" and o["contract"] == "L1-opp-contract", "won: %r" % (o,))
        k = s.req("GET", "/v1/contracts/L1-opp-contract", token=agent)[1]
        check(k.get("total_minutes") == 720 and k.get("customer") in ("acme", "sophie.laurent"),
              "contract holds the minutes sold: %r" % (k,))
        check(err_is(s.req("POST", "/v1/opportunities/L1-opp/lose", {"reason": "price"}, token=planner), 422,
                     "rule"), "lose a won opportunity -> 422")
        check(err_is(s.req("POST", "/v1/opportunities/L1-opp/stage", {"stage": "close"}, token=planner), 422,
                     "rule"), "move a won opportunity -> 422")
        o = s.req("GET", "/v1/opportunities/L1-opp", token=agent)[1]
        check(o["status"] == "won" and o["stage"] == "develop", "refusals changed nothing: %r" % (o,))
        check(err_is(s.req("POST", "/v1/opportunities/L2-opp/lose", {}, token=planner), 400, "invalid_input",
                     "reason"), "lose without reason -> 400")
        st, o, _ = s.req("POST", "/v1/opportunities/L2-opp/lose", {"reason": "price"}, token=planner)
        check(st == 200 and o["status"] == "lost" and o["reason"] == "price", "lost: %r" % (o,))
        st, body, _ = s.req("GET", "/v1/opportunities?status=won", token=agent)
        check(st == 200 and [x["id"] for x in body["opportunities"]] == ["L1-opp"], "filter by status")

        st, p, _ = s.req("GET", "/v1/pipeline", token=agent)
        check(st == 200 and (p["open"], p["won"], p["lost"]) == (0, 1, 1) and
              [g["key"] if "key" in g else g["reason"] for g in p["lost_by_reason"]] == ["price"],
              "pipeline totals: %r" % (p,))
        check(s.stop() == 0, "SIGTERM -> exit 0")
    finally:
        if s.p.poll() is None:
            s.p.kill()
    print("%d checks, %d failed" % (t.checks, t.failures))
    return 1 if t.failures else 0


if __name__ == "__main__":
    sys.exit(main())
