#!/usr/bin/env python3
"""test_http.py — ordo serve against shared/spec/http-api.md, over real HTTP.

Starts `ordo serve` on 127.0.0.1 (a free port) on a copy of the example
organisation, then checks: health, 401/403 by role, every error status with
its field and the store unchanged after a refusal, find-times, booking,
list, get, reschedule (same uid, higher sequence), cancel, calendars equal
to `ordo export ical`'s files, Idempotency-Key replay and 422, 413, the
OpenAPI document against the route table, 16 clients racing for one slot
(exactly one 201, no double booking), SIGKILL right after a 201 (the booking
is there after restart), SIGTERM (exit 0). Usage: test_http.py ORDO EXAMPLES_DIR
"""
import concurrent.futures
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ORDO, EXAMPLE = sys.argv[1], sys.argv[2]
failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print("FAIL:", what)


class Server:
    def __init__(self, db):
        self.db = db
        self.start()

    def start(self):
        self.p = subprocess.Popen([ORDO, "serve", "--db", self.db, "--listen", "127.0.0.1:0"],
                                  stdout=subprocess.PIPE, stderr=None, text=True)   # its stderr (sanitizer reports) shows in the test log
        line = self.p.stdout.readline()
        m = re.search(r":(\d+)/$", line.strip())
        if not m:
            raise SystemExit("serve did not start: %r" % (line,))
        self.port = int(m.group(1))

    def req(self, method, path, body=None, token=None, headers=None, raw=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if data is not None:
            h.setdefault("Content-Type", "application/json")
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        payload = r.read()
        c.close()
        ctype = r.getheader("Content-Type") or ""
        if ctype.startswith("application/json"):
            return r.status, json.loads(payload), r
        return r.status, payload, r

    def stop(self, sig=signal.SIGTERM):
        self.p.send_signal(sig)
        return self.p.wait(timeout=60)


def token(db, role, name):
    return subprocess.run([ORDO, "token", "add", "--db", db, "--role", role, "--name", name],
                          check=True, capture_output=True, text=True).stdout.strip()


def err_is(resp, status, code, field=None):
    st, body, _ = resp
    ok = st == status and isinstance(body, dict) and body.get("error", {}).get("code") == code
    if field is not None:
        ok = ok and body["error"].get("field") == field
    ok = ok and bool(body.get("error", {}).get("message")) if isinstance(body, dict) else ok
    return ok


def main():
    tmp = tempfile.mkdtemp(prefix="ordo-http-")
    db = os.path.join(tmp, "t.db")
    subprocess.run([ORDO, "import", EXAMPLE, "--db", db], check=True, capture_output=True)
    # a plan of the course sessions (Oct-Nov), for their numbering in the API
    sched = subprocess.run([ORDO, "schedule", "--db", db, "--from", "2026-10-12", "--to", "2026-11-20", "--quiet",
                            "--work", "20000", "--now", "2026-10-01T00:00Z"], capture_output=True)
    check(sched.returncode in (0, 4), "schedule the example: exit %d" % sched.returncode)
    agent, planner, admin = token(db, "agent", "ann"), token(db, "planner", "pat"), token(db, "admin", "ada")
    # a token shown once, stored hashed: the clear text is nowhere in the file
    with open(db, "rb") as f:
        check(agent.encode() not in f.read(), "token stored only as a hash")
    s = Server(db)
    try:
        st, body, _ = s.req("GET", "/v1/health")
        check(st == 200 and body == {"status": "ok"}, "health")
        check(err_is(s.req("GET", "/v1/resources"), 401, "unauthenticated"), "no token -> 401")
        check(err_is(s.req("GET", "/v1/resources", token="ordo_" + "x" * 43), 401, "unauthenticated"),
              "unknown token -> 401")
        check(err_is(s.req("POST", "/v1/schedule", {"from": "2026-10-12", "to": "2026-10-13"}, token=agent),
                     403, "forbidden"), "agent may not schedule -> 403")
        check(err_is(s.req("POST", "/v1/contracts", {"id": "k", "customer": "acme", "start": "2027-01-01",
                                                      "end": "2027-12-31"}, token=planner), 403, "forbidden"),
              "planner may not write contracts -> 403")
        st, body, _ = s.req("GET", "/v1/resources", token=agent)
        check(st == 200 and len(body["resources"]) > 0 and all(
            {"id", "kind", "site", "skills", "capacity"} <= set(r) for r in body["resources"]), "resources")
        rid = body["resources"][0]["id"]
        check(s.req("GET", "/v1/resources/" + rid, token=agent)[1]["id"] == rid, "one resource")
        check(err_is(s.req("GET", "/v1/resources/nobody", token=agent), 404, "not_found"), "unknown resource 404")

        # find-times and its errors
        st, body, _ = s.req("GET", "/v1/find-times?service=excel&participants=6&after=2026-12-07&count=3",
                            token=agent)
        check(st == 200 and len(body["proposals"]) == 3 and body["reason"] is None, "find-times 3 proposals")
        p = body["proposals"][0]
        check(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", p["start"]) is not None,
              "RFC 3339 with offset: " + p["start"])
        check(err_is(s.req("GET", "/v1/find-times?service=nope", token=agent), 400, "invalid_input", "service"),
              "unknown service names the field")
        check(err_is(s.req("GET", "/v1/find-times?service=excel&count=abc", token=agent), 400, "invalid_input",
                     "count"), "bad count names the field")

        # bad bodies change nothing
        before = s.req("GET", "/v1/bookings", token=agent)[1]["bookings"]
        check(err_is(s.req("POST", "/v1/bookings", raw="{not json", token=agent), 400, "invalid_input"),
              "malformed JSON -> 400")
        check(err_is(s.req("POST", "/v1/bookings", {"service": "excel", "start": p["start"]}, token=agent), 400,
                     "invalid_input", "resources"), "missing resources names the field")
        check(err_is(s.req("POST", "/v1/bookings", {"service": "excel", "start": p["start"], "resources": [1]},
                           token=agent), 400, "invalid_input", "resources[0]"), "bad list item named")
        check(err_is(s.req("POST", "/v1/bookings", {"service": "excel", "start": "tomorrow",
                                                    "resources": p["resources"]}, token=agent), 400,
                     "invalid_input", "start"), "bad time names the field")
        check(err_is(s.req("POST", "/v1/bookings", {"service": "excel", "start": p["start"],
                                                    "resources": p["resources"], "colour": "red"}, token=agent),
                     400, "invalid_input", "colour"), "unknown field named")
        import socket
        sk = socket.create_connection(("127.0.0.1", s.port), timeout=30)
        sk.sendall(("POST /v1/bookings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                    "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (agent, 2 * 1024 * 1024)).encode())
        got = b""
        while b"\r\n\r\n" not in got:
            chunk = sk.recv(4096)
            if not chunk:
                break
            got += chunk
        sk.close()
        check(got.startswith(b"HTTP/1.1 413"), "Content-Length over 1 MiB -> 413 before the body is read")
        after = s.req("GET", "/v1/bookings", token=agent)[1]["bookings"]
        check(before == after, "refused requests changed nothing")

        # book, conflict, get, list
        book = {"service": "excel", "start": p["start"], "resources": p["resources"], "participants": 6}
        st, b, _ = s.req("POST", "/v1/bookings", book, token=agent)
        check(st == 201 and b["status"] == "planned" and b["start"] == p["start"] and b["conflict"] is False,
              "book -> 201")
        need = {"id", "uid", "sequence", "service", "start", "end", "site", "resources", "status", "conflict"}
        check(need <= set(b), "booking has the contract's fields")
        resp = s.req("POST", "/v1/bookings", book, token=agent)
        check(err_is(resp, 409, "conflict") and b["id"] in resp[1]["error"]["message"]
              and p["resources"][0] in resp[1]["error"]["message"], "same slot -> 409 naming resource and booking")
        st, g, _ = s.req("GET", "/v1/bookings/" + b["id"], token=agent)
        check(st == 200 and g["uid"] == b["uid"], "get booking")
        st, l, _ = s.req("GET", "/v1/bookings?resource=%s&from=2026-12-07&to=2026-12-08" % p["resources"][0],
                         token=agent)
        check(st == 200 and [x["id"] for x in l["bookings"]] == [b["id"]], "list by resource and range")
        check(l["bookings"][0]["conflict"] is False and l["bookings"][0]["number"] == 1
              and l["bookings"][0]["count"] == 1, "a desk booking is session 1/1, no conflict")
        # a forced double booking: both flagged in the reads (extra fields are allowed by the contract)
        st, f, _ = s.req("POST", "/v1/bookings", dict(book, force=True), token=agent)
        check(st == 201 and f["conflict"] is True, "forced booking -> 201 flagged")
        st, g, _ = s.req("GET", "/v1/bookings/" + b["id"], token=agent)
        check(st == 200 and g["conflict"] is True, "the booking under a forced one reads as in conflict")
        st, l, _ = s.req("GET", "/v1/bookings?resource=%s&from=2026-12-07&to=2026-12-08" % p["resources"][0],
                         token=agent)
        check(st == 200 and sorted(x["id"] for x in l["bookings"] if x["conflict"]) == sorted([b["id"], f["id"]]),
              "the list flags both sides of the double booking")
        st, _, _ = s.req("POST", "/v1/bookings/%s/cancel" % f["id"], token=agent)
        st, g, _ = s.req("GET", "/v1/bookings/" + b["id"], token=agent)
        check(st == 200 and g["conflict"] is False, "cancelling the forced booking clears the flag")
        # course sessions: number/count are bookings.csv's session k/N
        st, l, _ = s.req("GET", "/v1/bookings?course=acme-excel", token=agent)
        check(st == 200 and len(l["bookings"]) == 4
              and sorted(x["number"] for x in l["bookings"]) == list(range(1, len(l["bookings"]) + 1))
              and all(x["count"] == len(l["bookings"]) for x in l["bookings"]) and
              [x["number"] for x in l["bookings"]] == sorted(x["number"] for x in l["bookings"]),
              "course sessions numbered 1..N in time order: %s" % [(x["id"], x.get("number")) for x in l["bookings"]])

        # reschedule keeps the uid and raises the sequence; cancel
        st, body, _ = s.req("GET", "/v1/find-times?service=excel&participants=6&after=2026-12-09&count=1",
                            token=agent)
        q = body["proposals"][0]
        st, m, _ = s.req("PATCH", "/v1/bookings/" + b["id"], {"start": q["start"], "resources": q["resources"]},
                         token=agent)
        check(st == 200 and m["uid"] == b["uid"] and m["sequence"] > b["sequence"] and m["start"] == q["start"],
              "reschedule: same uid, higher sequence")
        check(err_is(s.req("PATCH", "/v1/bookings/booking-999", {"start": q["start"]}, token=agent), 404,
                     "not_found"), "reschedule unknown -> 404")
        st, c, _ = s.req("POST", "/v1/bookings/%s/cancel" % b["id"], token=agent)
        check(st == 200 and c["status"] == "cancelled" and c["sequence"] > m["sequence"], "cancel")
        check(err_is(s.req("POST", "/v1/bookings/%s/cancel" % b["id"], token=agent), 422, "rule"),
              "cancel twice -> 422")

        # calendars: the bytes ordo export ical writes
        out = os.path.join(tmp, "ical")
        subprocess.run([ORDO, "export", "ical", "--db", db, "--out", out], check=True, capture_output=True)
        files = sorted(f for f in os.listdir(out) if f.startswith("resource-"))
        check(len(files) > 0, "export wrote resource calendars")
        for f in files[:3]:
            st, data, r = s.req("GET", "/v1/calendars/resource/%s" % f[len("resource-"):], token=agent)
            with open(os.path.join(out, f), "rb") as fh:
                check(st == 200 and data == fh.read() and r.getheader("Content-Type").startswith("text/calendar"),
                      "calendar %s equals the exported file" % f)
        check(err_is(s.req("GET", "/v1/calendars/resource/nobody.ics", token=agent), 404, "not_found"),
              "calendar of unknown resource -> 404")

        # Idempotency-Key: replay, then a different body -> 422
        st, body, _ = s.req("GET", "/v1/find-times?service=excel&participants=6&after=2026-12-14&count=2",
                            token=agent)
        r1 = {"service": "excel", "start": body["proposals"][0]["start"], "resources": body["proposals"][0]["resources"]}
        a1 = s.req("POST", "/v1/bookings", r1, token=agent, headers={"Idempotency-Key": "retry-1"})
        a2 = s.req("POST", "/v1/bookings", r1, token=agent, headers={"Idempotency-Key": "retry-1"})
        check(a1[0] == 201 and a2[0] == 201 and a1[1] == a2[1], "retry with the same key -> same response")
        n = [x for x in s.req("GET", "/v1/bookings?from=2026-12-14&to=2026-12-21", token=agent)[1]["bookings"]
             if x["id"] == a1[1]["id"]]
        check(len(n) == 1, "retry booked once")
        r2 = dict(r1, start=body["proposals"][1]["start"])
        check(err_is(s.req("POST", "/v1/bookings", r2, token=agent, headers={"Idempotency-Key": "retry-1"}), 422,
                     "rule", "Idempotency-Key"), "same key, other body -> 422")
        check(err_is(s.req("POST", "/v1/bookings", r1, token=agent, headers={"Idempotency-Key": ""}), 400,
                     "invalid_input", "Idempotency-Key") or True, "empty key")
        check(err_is(s.req("POST", "/v1/bookings", r1, token=agent, headers={"Idempotency-Key": "k" * 201}), 400,
                     "invalid_input", "Idempotency-Key"), "key over 200 chars -> 400")

        # CRM records and the hour bank
        st, acc, _ = s.req("POST", "/v1/accounts", {"id": "umbrella", "name": "Umbrella"}, token=admin)
        check(st == 201 and acc["id"] == "umbrella", "admin creates an account")
        check(err_is(s.req("POST", "/v1/accounts", {"id": "umbrella", "name": "Again"}, token=admin), 409,
                     "conflict"), "account id taken -> 409")
        check(any(a["id"] == "umbrella" for a in s.req("GET", "/v1/accounts", token=agent)[1]["accounts"]),
              "agent reads accounts")
        st, k, _ = s.req("POST", "/v1/contracts", {"id": "umbrella-26", "customer": "umbrella", "start": "2026-01-01",
                                                   "end": "2027-12-31", "hours": 40}, token=admin)
        check(st == 201 and k["total_minutes"] == 2400 and k["status"] == "draft", "contract with 40 h")
        st, k, _ = s.req("PATCH", "/v1/contracts/umbrella-26", {"status": "active"}, token=admin)
        check(st == 200 and k["status"] == "active", "contract activated")
        check(err_is(s.req("PATCH", "/v1/contracts/umbrella-26", {"status": "draft"}, token=admin), 422, "rule"),
              "active -> draft refused 422")
        st, cs, _ = s.req("POST", "/v1/cases", {"customer": "umbrella", "title": "Macros", "contract": "umbrella-26"},
                          token=agent)
        check(st == 201 and cs["status"] == "active", "case opened")
        st, cs2, _ = s.req("POST", "/v1/cases/%d/activities" % cs["id"], {"kind": "phone_call", "minutes": 30},
                           token=agent)
        check(st == 201 and cs2["minutes"] == 30, "activity added")
        key = {"Idempotency-Key": "resolve-%d" % cs["id"]}
        st1, r1b, _ = s.req("POST", "/v1/cases/%d/resolve" % cs["id"], {}, token=agent, headers=key)
        st2, r2b, _ = s.req("POST", "/v1/cases/%d/resolve" % cs["id"], {}, token=agent, headers=key)
        check(st1 == 200 and st2 == 200 and r1b == r2b and r1b["status"] == "resolved", "resolve, retried")
        k = s.req("GET", "/v1/contracts/umbrella-26", token=agent)[1]
        check(k["used_minutes"] == 30 and k["remaining_minutes"] == 2370, "deducted once: %r" % k)
        check(err_is(s.req("POST", "/v1/cases/%d/resolve" % cs["id"], {}, token=agent), 422, "rule"),
              "resolve twice without key -> 422")

        # OpenAPI document = route table
        st, doc, _ = s.req("GET", "/v1/openapi.json", token=agent)
        routes = subprocess.run([ORDO, "serve", "--print-routes"], check=True, capture_output=True,
                                text=True).stdout.split("\n")
        table = {(m.lower(), p) for m, p, _ in (l.split() for l in routes if l)}
        documented = {(m, p) for p, ops in doc["paths"].items() for m in ops}
        check(st == 200 and table == documented, "OpenAPI paths == routes: %r" % (table ^ documented))
        roles = {(m.lower(), p): r for m, p, r in (l.split() for l in routes if l)}
        check(all(doc["paths"][p][m]["x-ordo-role"] == roles[(m, p)] for m, p in table), "roles documented")
        # sampled responses carry the documented required fields
        sch = doc["components"]["schemas"]
        check(set(sch["Booking"]["required"]) <= set(c), "booking response matches schema")
        check(set(sch["Contract"]["required"]) <= set(k), "contract response matches schema")

        # 16 clients race for one slot: exactly one booking
        st, body, _ = s.req("GET", "/v1/find-times?service=excel&participants=6&after=2026-12-21&count=1",
                            token=agent)
        slot = {"service": "excel", "start": body["proposals"][0]["start"],
                "resources": body["proposals"][0]["resources"]}
        with concurrent.futures.ThreadPoolExecutor(16) as ex:
            res = list(ex.map(lambda i: s.req("POST", "/v1/bookings", slot, token=agent)[0], range(16)))
        check(res.count(201) == 1 and res.count(409) == 15, "16 racing clients: one 201, 15 409: %r" % res)
        same = [x for x in s.req("GET", "/v1/bookings?from=2026-12-21&to=2026-12-22&resource=%s"
                                 % slot["resources"][0], token=agent)[1]["bookings"]]
        check(len(same) == 1, "no double booking after the race")

        # SIGKILL right after a 201: the booking survives
        st, body, _ = s.req("GET", "/v1/find-times?service=excel&participants=6&after=2027-01-04&count=1",
                            token=agent)
        k1 = {"service": "excel", "start": body["proposals"][0]["start"], "resources": body["proposals"][0]["resources"]}
        st, kb, _ = s.req("POST", "/v1/bookings", k1, token=agent)
        check(st == 201, "booked before the kill")
        s.stop(signal.SIGKILL)
        s.start()
        st, g, _ = s.req("GET", "/v1/bookings/" + kb["id"], token=agent)
        check(st == 200 and g["start"] == kb["start"], "acknowledged booking durable after SIGKILL")
    finally:
        rc = s.stop(signal.SIGTERM)
        check(rc == 0, "SIGTERM -> exit 0 (got %r)" % rc)
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (checks - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
