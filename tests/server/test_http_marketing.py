#!/usr/bin/env python3
"""test_http_marketing.py — the marketing routes of ordo serve (issue 11) over real HTTP.

Starts `ordo serve` on a copy of the example organisation and checks: roles
(agent reads, planner writes), a campaign added (400 naming a bad field,
409 for a taken id), responses (400 for two respondents, 422 on a cancelled
campaign), conversion into a lead / case / opportunity with the link kept and
a second conversion refused (422, unchanged), an unsubscribe suppressing the
contact, static and dynamic lists evaluated without suppressed contacts,
member add/remove (422 on a dynamic list), suppress/unsuppress, the
relationship refresh, and responses carrying the OpenAPI schemas' required
fields. Helpers are test_http.py's. Usage: test_http_marketing.py ORDO EXAMPLES_DIR
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as t  # noqa: E402  (Server, token, err_is, check)

check, err_is = t.check, t.err_is


def main():
    tmp = tempfile.mkdtemp(prefix="ordo-http-marketing-")
    db = os.path.join(tmp, "t.db")
    subprocess.run([t.ORDO, "import", t.EXAMPLE, "--db", db], check=True, capture_output=True)
    agent, planner = t.token(db, "agent", "ann"), t.token(db, "planner", "pat")
    subprocess.run([t.ORDO, "sla", "add", "std", "--first-response", "120", "--resolve", "960", "--site", "paris",
                    "--days", "MO,TU,WE,TH,FR,SA,SU", "--hours", "00:00-24:00", "--db", db], check=True,
                   capture_output=True)
    s = t.Server(db)
    try:
        sch = s.req("GET", "/v1/openapi.json", token=agent)[1]["components"]["schemas"]
        c = {"id": "spring", "name": "Spring Excel", "start": "2026-09-01", "end": "2026-10-31", "budget": 250000,
             "expected": 40, "status": "active"}
        check(err_is(s.req("POST", "/v1/campaigns", c, token=agent), 403, "forbidden"), "agent may not add")
        check(err_is(s.req("POST", "/v1/campaigns", dict(c, end="2026-31-10"), token=planner), 400,
                     "invalid_input", "end"), "bad end date -> 400 naming end")
        check(err_is(s.req("POST", "/v1/campaigns", dict(c, colour="red"), token=planner), 400, "invalid_input",
                     "colour"), "unknown member -> 400 naming it")
        check(err_is(s.req("POST", "/v1/campaigns", dict(c, end="2026-08-31"), token=planner), 400,
                     "invalid_input", "end"), "end before start -> 400 naming end (the model's rule)")
        check(s.req("GET", "/v1/campaigns", token=agent)[1]["campaigns"] == [], "refusals stored nothing")
        st, body, _ = s.req("POST", "/v1/campaigns", c, token=planner)
        check(st == 201 and body["id"] == "spring" and body["responses"] == [], "campaign added: %r" % (body,))
        check(set(sch["Campaign"]["required"]) <= set(body), "campaign matches schema")
        check(err_is(s.req("POST", "/v1/campaigns", c, token=planner), 409, "conflict"), "same id -> 409")
        check(s.req("POST", "/v1/campaigns", {"id": "winter", "name": "W", "start": "2026-12-01",
                                              "end": "2026-12-31"}, token=planner)[0] == 201, "winter added")
        st, body, _ = s.req("POST", "/v1/campaigns/winter/status", {"status": "cancelled"}, token=planner)
        check(st == 200 and body["status"] == "cancelled", "status changed")

        # responses
        check(err_is(s.req("POST", "/v1/campaigns/spring/responses", {"channel": "email", "contact": "sophie.laurent",
                                                                      "account": "acme"}, token=planner),
                     400, "invalid_input"), "two respondents -> 400")
        check(err_is(s.req("POST", "/v1/campaigns/winter/responses", {"channel": "email",
                                                                      "contact": "sophie.laurent"}, token=planner),
                     422, "rule"), "cancelled campaign -> 422")
        check(err_is(s.req("POST", "/v1/campaigns/nope/responses", {"channel": "email",
                                                                    "contact": "sophie.laurent"}, token=planner),
                     400, "invalid_input"), "unknown campaign -> 400")
        st, r1, _ = s.req("POST", "/v1/campaigns/spring/responses", {"channel": "email", "contact": "sophie.laurent",
                                                                     "date": "2026-09-10"}, token=planner)
        check(st == 201 and r1["outcome"] == "interested" and r1["converted"] is None, "response: %r" % (r1,))
        check(set(sch["CampaignResponse"]["required"]) <= set(r1), "response matches schema")
        st, r2, _ = s.req("POST", "/v1/campaigns/spring/responses", {"channel": "phone", "account": "globex",
                                                                     "outcome": "more_info"}, token=planner)
        st, r3, _ = s.req("POST", "/v1/campaigns/spring/responses", {"channel": "web", "contact": "james.wright",
                                                                     "outcome": "unsubscribe"}, token=planner)
        check(st == 201, "unsubscribe recorded")

        # conversions: once, the link kept
        st, cv, _ = s.req("POST", "/v1/responses/%d/convert" % r1["id"], {"to": "lead"}, token=planner)
        check(st == 201 and cv["converted"] == "lead" and cv["converted_to"] == "response-%d-lead" % r1["id"],
              "converted into a lead: %r" % (cv,))
        leads = s.req("GET", "/v1/leads", token=agent)[1]["leads"]
        check([x["campaign"] for x in leads if x["id"] == cv["converted_to"]] == ["spring"], "lead's source")
        check(err_is(s.req("POST", "/v1/responses/%d/convert" % r1["id"], {"to": "case"}, token=planner), 422,
                     "rule"), "second conversion -> 422")
        check(s.req("GET", "/v1/responses/%d" % r1["id"], token=agent)[1]["converted"] == "lead",
              "refusal left the link")
        check(err_is(s.req("POST", "/v1/responses/%d/convert" % r3["id"], {"to": "case"}, token=planner), 422,
                     "rule"), "unsubscribe converts into nothing")
        check(err_is(s.req("POST", "/v1/responses/%d/convert" % r2["id"], {"to": "deal"}, token=planner), 400,
                     "invalid_input", "to"), "bad target -> 400")
        check(err_is(s.req("POST", "/v1/responses/999/convert", {"to": "case"}, token=planner), 404,
                     "not_found"), "unknown response -> 404")
        st, cv, _ = s.req("POST", "/v1/responses/%d/convert" % r2["id"], {"to": "opportunity", "value": 90000},
                          token=planner)
        check(st == 201 and cv["converted"] == "opportunity", "converted into an opportunity")
        o = s.req("GET", "/v1/opportunities/" + cv["converted_to"], token=agent)[1]
        check(o.get("account") == "globex" and o.get("value") == 90000, "opportunity fields: %r" % (o,))
        st, r4, _ = s.req("POST", "/v1/campaigns/spring/responses", {"channel": "phone", "contact": "lea.moreau"},
                          token=planner)
        st, cv, _ = s.req("POST", "/v1/responses/%d/convert" % r4["id"], {"to": "case", "title": "Coaching"},
                          token=planner)
        k = s.req("GET", "/v1/cases/" + cv["converted_to"], token=agent)[1] if st == 201 else {}
        check(k.get("customer") == "lea.moreau" and k.get("title") == "Coaching", "case made: %r" % (k,))
        body = s.req("GET", "/v1/campaigns/spring", token=agent)[1]
        check(len(body["responses"]) == 4 and sum(1 for x in body["responses"] if x["converted"]) == 3,
              "campaign lists its responses and links")

        # suppression and lists
        sup = s.req("GET", "/v1/suppressions", token=agent)[1]["suppressions"]
        check([x["contact"] for x in sup] == ["james.wright"] and sup[0]["reason"] == "unsubscribed",
              "unsubscribe suppressed the contact: %r" % (sup,))
        st, l, _ = s.req("POST", "/v1/lists", {"id": "clients", "name": "Clients", "kind": "dynamic",
                                               "relationship": "client"}, token=planner)
        check(st == 201 and l["members"] == ["lea.moreau", "sophie.laurent"], "dynamic list evaluated: %r" % (l,))
        check(set(sch["MarketingList"]["required"]) <= set(l), "list matches schema")
        check(err_is(s.req("POST", "/v1/lists", {"id": "x", "name": "X", "kind": "dynamic"}, token=planner), 400,
                     "invalid_input", "kind"), "dynamic list without a filter -> 400 naming kind")
        check(err_is(s.req("POST", "/v1/lists/clients/members", {"contact": "lea.moreau"}, token=planner), 422,
                     "rule"), "member on a dynamic list -> 422")
        check(s.req("POST", "/v1/lists", {"id": "vip", "name": "VIP"}, token=planner)[0] == 201, "static list")
        st, l, _ = s.req("POST", "/v1/lists/vip/members", {"contact": "james.wright"}, token=planner)
        check(st == 201 and l["members"] == [], "a suppressed member is left out: %r" % (l,))
        check(s.req("DELETE", "/v1/suppressions/james.wright", token=planner)[0] == 200, "unsuppress")
        check(s.req("GET", "/v1/lists/vip", token=agent)[1]["members"] == ["james.wright"], "member again")
        check(err_is(s.req("DELETE", "/v1/suppressions/james.wright", token=planner), 422, "rule"),
              "unsuppress twice -> 422")
        st, l, _ = s.req("DELETE", "/v1/lists/vip/members/james.wright", token=planner)
        check(st == 200 and l["members"] == [], "member removed")
        check(err_is(s.req("DELETE", "/v1/lists/vip/members/james.wright", token=planner), 422, "rule"),
              "remove twice -> 422")
        st, sup, _ = s.req("POST", "/v1/suppressions", {"contact": "lea.moreau", "reason": "bounced"}, token=planner)
        check(st == 201 and "lea.moreau" in [x["contact"] for x in sup["suppressions"]], "suppressed")
        m = s.req("GET", "/v1/lists/clients", token=agent)[1]["members"]
        check(m == ["james.wright", "sophie.laurent"], "dynamic list re-evaluated (lea.moreau out, james.wright "
              "back): %r" % (m,))

        # a city on accounts and contacts, and a list by city (the contact's own, else its account's)
        admin = t.token(db, "admin", "ada")
        st, acc, _ = s.req("PATCH", "/v1/accounts/globex", {"city": "Saint-Étienne"}, token=admin)
        check(st == 200 and acc.get("city") == "Saint-Étienne", "account city set and returned: %r" % (acc,))
        check(set(acc) <= set(sch["Account"]["properties"]), "account JSON in its schema: %r" % (acc,))
        st, con, _ = s.req("PATCH", "/v1/contacts/sophie.laurent", {"city": "Lyon"}, token=admin)
        check(st == 200 and con.get("city") == "Lyon", "contact city set: %r" % (con,))
        check(s.req("GET", "/v1/contacts/james.wright", token=agent)[1].get("city") is None,
              "a contact without a city has city null")
        check(err_is(s.req("PATCH", "/v1/contacts/sophie.laurent", {"city": "Lyon\nParis"}, token=admin), 400,
                     "invalid_input", "city"), "a two-line city -> 400 naming the field")
        check(s.req("GET", "/v1/contacts/sophie.laurent", token=agent)[1].get("city") == "Lyon",
              "a refused city changes nothing")
        st, l, _ = s.req("POST", "/v1/lists", {"id": "ste", "name": "Saint-Etienne", "kind": "dynamic",
                                               "city": "SAINT ETIENNE"}, token=planner)
        check(st == 201 and l["members"] == ["james.wright"] and l["filter"]["city"] == "SAINT ETIENNE",
              "list by the account's city: %r" % (l,))
        st, l, _ = s.req("POST", "/v1/lists", {"id": "lyon", "name": "Lyon", "kind": "dynamic", "city": "lyon",
                                               "relationship": "client"}, token=planner)
        check(st == 201 and l["members"] == ["sophie.laurent"], "list by the contact's own city: %r" % (l,))
        check(err_is(s.req("POST", "/v1/lists", {"id": "dash", "name": "D", "kind": "dynamic", "city": "--"},
                           token=planner), 400, "invalid_input", "city"), "a city of punctuation -> 400 city")
        check(s.req("GET", "/v1/lists/dash", token=agent)[0] == 404, "the refused list was not stored")
        check(err_is(s.req("PATCH", "/v1/accounts/globex", {"city": ""}, token=admin), 400, "invalid_input",
                     "city"), "an empty string is refused (null clears)")
        st, acc, _ = s.req("PATCH", "/v1/accounts/globex", {"city": None}, token=admin)
        check(st == 200 and acc.get("city") is None and acc.get("name") == "Globex Ltd",
              "city null clears it, the rest kept: %r" % (acc,))
        check(s.req("GET", "/v1/lists/ste", token=agent)[1]["members"] == [], "list re-evaluated: nobody left")
        st, con, _ = s.req("PATCH", "/v1/contacts/sophie.laurent", {"email": None}, token=admin)
        check(st == 200 and con.get("email") is None and con.get("city") == "Lyon",
              "email null clears the e-mail only: %r" % (con,))
        st, con, _ = s.req("PATCH", "/v1/contacts/sophie.laurent", {"phone": "+33 4 72 00 00 00"}, token=admin)
        check(st == 200 and con.get("phone") == "+33 4 72 00 00 00" and set(con) <= set(sch["Contact"]["properties"]),
              "contact phone set, JSON in its schema: %r" % (con,))
        check(err_is(s.req("PATCH", "/v1/accounts/globex", {"phone": "1"}, token=admin), 400, "invalid_input",
                     "phone"), "an account has no phone -> 400 naming it")

        # a case's JSON carries its SLA (policy std applies to every case; open every hour)
        st, k, _ = s.req("POST", "/v1/cases", {"customer": "globex", "title": "Printer"}, token=agent)
        sla = k.get("sla") if isinstance(k, dict) else None
        check(st == 201 and sla and sla["policy"] == "std" and sla["first_response"]["state"] == "ok"
              and sla["first_response"]["target_minutes"] == 120 and sla["first_response"]["due"]
              and sla["resolution"]["target_minutes"] == 960, "case JSON has its SLA: %r" % (k,))
        check(set(sch["Case"]["required"]) <= set(k), "case matches schema")
        k2 = s.req("GET", "/v1/cases/%d" % k["id"], token=agent)[1]
        check(k2["sla"]["policy"] == "std" and not k2["sla"]["on_hold"], "GET case shows the SLA")

        # relationship refresh
        st, rf, _ = s.req("POST", "/v1/relationships/refresh", {}, token=planner)
        check(st == 200 and rf["checked"] >= 5, "refresh all: %r" % (rf,))
        check(err_is(s.req("POST", "/v1/relationships/refresh", {"party": "nobody"}, token=planner), 404,
                     "not_found"), "unknown party -> 404")
        check(err_is(s.req("POST", "/v1/relationships/refresh", {}, token=agent), 403, "forbidden"),
              "agent may not refresh")
        check(s.stop() == 0, "SIGTERM -> exit 0")
    finally:
        if s.p.poll() is None:
            s.p.kill()
    print("%d checks, %d failed" % (t.checks, t.failures))
    return 1 if t.failures else 0


if __name__ == "__main__":
    sys.exit(main())
