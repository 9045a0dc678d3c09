#!/usr/bin/env python3
"""check_plan.py - an independent checker of a training-organisation plan.

Re-verifies every hard rule of the data contract (shared/spec/import-format.md)
from the input CSV folder and the written bookings.csv (plus unscheduled.csv
beside it), never from solver internals. Written in Python with the standard
library only, so it shares no code (and no bugs) with the C implementation.

Usage:
    check_plan.py INPUT_DIR BOOKINGS_CSV --from DATE --to DATE [--slot MIN]
                  [--expect-all-placed] [--cost [--weight NAME=VALUE]...]

Exit 0 and "check_plan: N bookings OK (U unscheduled)" when the plan keeps
every rule; exit 1 and one line per violation otherwise:
    FILE:LINE: COURSE#SESSION: RULE: details
Exit 2 on a usage error or unreadable input.

--cost also recomputes the weighted soft cost of the plan from the formulas
of solver/README.md ("Objective and soft goals") and prints, before the
summary line,
    cost: X
    cost terms: same_person A same_room B spread C load D min_days E compactness F
(two decimals). --weight NAME=VALUE overrides a default weight (same_person
10, same_room 5, spread 1, load 1, min_days 5, compactness 0). The contract's
CSV files carry no min_distinct_days and no soft capacity, so min_days is
always 0 here and capacity shortfall is not a term. The stability cost of
a re-plan (weight x sessions moved from the previous plan) is not part of
this cost: `ordo schedule` reports it apart ("replan: ..." line), and its
`cost` is the plan's own, which this recomputes from the plan alone.

Times: bookings and time off are local wall-clock times of a site; they are
turned into UTC with zoneinfo, and every overlap and duration is judged on
UTC. Wall-clock rules (slot grid, working hours, one local day, dates) use
the local values as written.
"""

import argparse
import csv
import datetime as dt
import os
import re
import sys
from fractions import Fraction
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = dt.timezone.utc
WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
KINDS = ("person", "room", "equipment")
REASON_KEYWORDS = ("skill", "capacity", "availability", "window", "cohort",
                   "hour_bank", "contract_dates")
BOOKINGS_HEADER = ["course", "session", "start", "end", "site", "resources"]
UNSCHEDULED_HEADER = ["course", "session", "reason"]
LOCAL_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$")
HHMM_RE = re.compile(r"^(\d{2}):(\d{2})$")
HOURS_RE = re.compile(r"^\d+(\.\d{1,2})?$")
INT_RE = re.compile(r"^[0-9]+$")


class InputError(Exception):
    """Unreadable or invalid input: the plan cannot be judged."""


# ---------------------------------------------------------------- parsing

def parse_date(text, where):
    try:
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError("%s: '%s' is not a date YYYY-MM-DD" % (where, text))


def parse_local(text):
    """'YYYY-MM-DDTHH:MM' -> naive datetime, or None."""
    m = LOCAL_RE.match(text)
    if not m:
        return None
    try:
        return dt.datetime(*(int(g) for g in m.groups()))
    except ValueError:
        return None


def parse_hhmm(text, where, allow_24=False):
    m = HHMM_RE.match(text)
    if m:
        h, mi = int(m.group(1)), int(m.group(2))
        if (h < 24 and mi < 60) or (allow_24 and h == 24 and mi == 0):
            return h * 60 + mi
    raise InputError("%s: '%s' is not a time HH:MM" % (where, text))


def parse_int(text, where, minimum):
    if not INT_RE.match(text) or int(text) < minimum:
        raise InputError("%s: '%s' is not an integer >= %d" % (where, text, minimum))
    return int(text)


def split_list(cell):
    return [x for x in cell.split(";") if x != ""] if cell else []


def resolve_local(naive, tz):
    """Local wall time -> (UTC datetime of the fold=0 reading, status).

    status is 'ok', 'gap' (the time does not exist) or 'ambiguous' (it
    occurs twice). Aware datetimes sharing a tzinfo subtract as wall time in
    Python, so callers only ever compare or subtract the UTC values."""
    d0 = naive.replace(tzinfo=tz, fold=0)
    d1 = naive.replace(tzinfo=tz, fold=1)
    u0 = d0.astimezone(UTC)
    if d0.utcoffset() == d1.utcoffset():
        return u0, "ok"
    back = u0.astimezone(tz).replace(tzinfo=None)
    return u0, ("ambiguous" if back == naive else "gap")


def local_span_utc(naive, tz):
    """Both UTC readings of a local time (equal unless in a DST change)."""
    a = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    b = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    return min(a, b), max(a, b)


def read_csv(path, required, optional=()):
    """Rows of a CSV file as (line, {column: cell}); the header must hold
    every required column (any order, extra columns ignored); an optional
    column absent from the header reads as "" in every row."""
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                raise InputError("%s: empty file (no header)" % name)
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError("%s:1: missing column(s) %s" % (name, ",".join(missing)))
            pos = {c: header.index(c) for c in list(required) + [o for o in optional if o in header]}
            rows = []
            for row in reader:
                if row == []:
                    continue
                line = reader.line_num
                if len(row) < len(header):
                    raise InputError("%s:%d: %d cells, header has %d"
                                     % (name, line, len(row), len(header)))
                cells = {c: "" for c in optional}
                cells.update({c: row[i] for c, i in pos.items()})
                rows.append((line, cells))
            return rows
    except UnicodeDecodeError:
        raise InputError("%s: not UTF-8" % name)
    except csv.Error as e:
        raise InputError("%s: %s" % (name, e))


def read_table(folder, name, columns, optional=()):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    return read_csv(path, columns, optional)


# ---------------------------------------------------------------- the input

class Inputs:
    """The whole training-organisation folder, checked just enough to judge
    a plan against it."""

    def __init__(self, folder):
        self.sites = {}          # id -> ZoneInfo
        self.resources = {}      # id -> dict(kind, site, capacity, skills)
        self.hours = {}          # resource -> weekday -> [(start, end)] merged
        self.time_off = {}       # resource -> [(utc start, utc end, text)]
        self.services = {}       # id -> duration minutes
        self.requirements = {}   # service -> [dict(kind, count, skill, min_cap)]
        self.parties = {}        # account or contact id -> 'account'|'contact'
        self.contracts = {}      # id -> dict(customer, start, end, minutes, hours)
        self.courses = {}        # id -> dict(...)
        self._load(folder)

    def _load(self, d):
        for line, r in read_table(d, "sites.csv", ["id", "name", "timezone"]):
            try:
                self.sites[r["id"]] = ZoneInfo(r["timezone"])
            except (ZoneInfoNotFoundError, ValueError):
                raise InputError("sites.csv:%d: timezone: unknown zone '%s'" % (line, r["timezone"]))
        for line, r in read_table(d, "resources.csv",
                                  ["id", "name", "kind", "site", "capacity", "skills"]):
            where = "resources.csv:%d" % line
            if r["kind"] not in KINDS:
                raise InputError("%s: kind: '%s' is not person, room or equipment" % (where, r["kind"]))
            if r["site"] not in self.sites:
                raise InputError("%s: site: unknown site '%s'" % (where, r["site"]))
            cap = None
            if r["capacity"] != "":
                cap = parse_int(r["capacity"], where + ": capacity", 1)
            self.resources[r["id"]] = {"kind": r["kind"], "site": r["site"],
                                       "capacity": cap, "skills": set(split_list(r["skills"]))}
        raw_hours = {}
        for line, r in read_table(d, "working_hours.csv", ["resource", "weekday", "start", "end"]):
            where = "working_hours.csv:%d" % line
            if r["resource"] not in self.resources:
                raise InputError("%s: resource: unknown resource '%s'" % (where, r["resource"]))
            if r["weekday"] not in WEEKDAYS:
                raise InputError("%s: weekday: '%s' is not MO..SU" % (where, r["weekday"]))
            s = parse_hhmm(r["start"], where + ": start")
            e = parse_hhmm(r["end"], where + ": end", allow_24=True)
            days = raw_hours.setdefault(r["resource"], {})
            days.setdefault(WEEKDAYS[r["weekday"]], []).append((s, e))
        for res, days in raw_hours.items():
            self.hours[res] = {wd: merge_intervals(iv) for wd, iv in days.items()}
        for line, r in read_table(d, "time_off.csv", ["resource", "start", "end", "reason"]):
            where = "time_off.csv:%d" % line
            res = self.resources.get(r["resource"])
            if res is None:
                raise InputError("%s: resource: unknown resource '%s'" % (where, r["resource"]))
            s, e = parse_local(r["start"]), parse_local(r["end"])
            if s is None or e is None or e <= s:
                raise InputError("%s: start/end: '%s'..'%s' is not a local interval"
                                 % (where, r["start"], r["end"]))
            tz = self.sites[res["site"]]
            # Widest reading when an end falls in a DST change.
            us, ue = local_span_utc(s, tz)[0], local_span_utc(e, tz)[1]
            self.time_off.setdefault(r["resource"], []).append(
                (us, ue, "%s..%s%s" % (r["start"], r["end"],
                                       (" (" + r["reason"] + ")") if r["reason"] else "")))
        for line, r in read_table(d, "services.csv", ["id", "name", "duration_minutes"]):
            self.services[r["id"]] = parse_int(r["duration_minutes"],
                                               "services.csv:%d: duration_minutes" % line, 1)
        for line, r in read_table(d, "requirements.csv",
                                  ["service", "kind", "count", "skill", "min_capacity"]):
            where = "requirements.csv:%d" % line
            if r["service"] not in self.services:
                raise InputError("%s: service: unknown service '%s'" % (where, r["service"]))
            if r["kind"] not in KINDS:
                raise InputError("%s: kind: '%s' is not person, room or equipment" % (where, r["kind"]))
            mc = r["min_capacity"]
            if mc == "":
                min_cap = None
            elif mc == "participants":
                min_cap = "participants"
            else:
                try:
                    min_cap = Fraction(mc)
                except ValueError:
                    raise InputError("%s: min_capacity: '%s' is not a number or 'participants'"
                                     % (where, mc))
            self.requirements.setdefault(r["service"], []).append(
                {"kind": r["kind"], "count": parse_int(r["count"], where + ": count", 1),
                 "skill": r["skill"] or None, "min_cap": min_cap})
        for _, r in read_table(d, "accounts.csv", ["id", "name", "relationship"]):
            self.parties[r["id"]] = "account"
        for _, r in read_table(d, "contacts.csv",
                               ["id", "first_name", "last_name", "email", "account", "relationship"]):
            self.parties[r["id"]] = "contact"
        for line, r in read_table(d, "contracts.csv", ["id", "customer", "start", "end", "hours"]):
            where = "contracts.csv:%d" % line
            if not HOURS_RE.match(r["hours"]):
                raise InputError("%s: hours: '%s' is not a decimal with at most 2 decimals"
                                 % (where, r["hours"]))
            minutes = int(Fraction(r["hours"]) * 60)   # floor: the value is >= 0
            self.contracts[r["id"]] = {
                "customer": r["customer"], "hours": r["hours"], "minutes": minutes,
                "start": parse_date(r["start"], where + ": start"),
                "end": parse_date(r["end"], where + ": end")}
        for line, r in read_table(d, "courses.csv",
                                  ["id", "title", "service", "customer", "contract", "sessions",
                                   "participants", "earliest", "latest", "min_days_between",
                                   "cohort"], optional=["site"]):
            where = "courses.csv:%d" % line
            for site in split_list(r["site"]):
                if site not in self.sites:
                    raise InputError("%s: site: unknown site '%s'" % (where, site))
            if r["service"] not in self.services:
                raise InputError("%s: service: unknown service '%s'" % (where, r["service"]))
            if r["service"] not in self.requirements:
                raise InputError("%s: service '%s' has no requirement row" % (where, r["service"]))
            if r["contract"] and r["contract"] not in self.contracts:
                raise InputError("%s: contract: unknown contract '%s'" % (where, r["contract"]))
            self.courses[r["id"]] = {
                "line": line, "service": r["service"], "customer": r["customer"],
                "contract": r["contract"] or None,
                "sessions": parse_int(r["sessions"], where + ": sessions", 1),
                "participants": parse_int(r["participants"], where + ": participants", 1),
                "earliest": parse_date(r["earliest"], where + ": earliest"),
                "latest": parse_date(r["latest"], where + ": latest"),
                "min_days": parse_int(r["min_days_between"], where + ": min_days_between", 0),
                "cohorts": set(split_list(r["cohort"])),
                "sites": set(split_list(r["site"]))}     # empty = any site


def merge_intervals(intervals):
    """Union of [start, end) minute intervals; touching ones merge."""
    out = []
    for s, e in sorted(intervals):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# ---------------------------------------------------------------- the plan

class Booking:
    def __init__(self, line, row):
        self.line = line
        self.course, self.session_text, self.start_text, self.end_text, self.site, res = row[:6]
        self.resources = split_list(res)
        self.session = int(self.session_text) if INT_RE.match(self.session_text) else None
        self.start = parse_local(self.start_text)      # naive local
        self.end = parse_local(self.end_text)
        self.ustart = self.uend = None                 # UTC, set when the times parse

    def tag(self):
        return "%s#%s" % (self.course, self.session_text)

    def span(self):
        return "%s..%s" % (self.start_text, self.end_text)

    def overlaps(self, other):
        return self.ustart < other.uend and other.ustart < self.uend


# ---------------------------------------------------------------- the soft cost

COST_TERMS = ("same_person", "same_room", "spread", "load", "min_days", "compactness")
DEFAULT_WEIGHTS = {"same_person": Fraction(10), "same_room": Fraction(5), "spread": Fraction(1),
                   "load": Fraction(1), "min_days": Fraction(5), "compactness": Fraction(0)}


def per_session(reqs, kind):
    return sum(r["count"] for r in reqs if r["kind"] == kind)


def serving_persons(inp):
    """Persons that are a candidate (kind person, skill match; sites do not
    matter) of a person requirement row of the service of some course."""
    out = set()
    for course in inp.courses.values():
        for r in inp.requirements[course["service"]]:
            if r["kind"] != "person":
                continue
            out.update(rid for rid, res in inp.resources.items()
                       if res["kind"] == "person" and (not r["skill"] or r["skill"] in res["skills"]))
    return out


def spread_cost(course, dates, date_from, date_to):
    """Σ max(0, ideal − gap) over consecutive sorted session dates, with
    ideal = max(min_days_between, ⌊(D − 1) / (n − 1)⌋), D the days of the
    course window ∩ planning window and n the course's sessions."""
    n = course["sessions"]
    if n < 2 or len(dates) < 2:
        return 0
    lo, hi = max(course["earliest"], date_from), min(course["latest"], date_to)
    days = max(0, (hi - lo).days + 1)
    ideal = max(course["min_days"], (days - 1) // (n - 1))
    dates = sorted(dates)
    return sum(max(0, ideal - (b - a).days) for a, b in zip(dates, dates[1:]))


def compactness_cost(inp, bookings):
    """Per cohort and local day, the sessions no other session of the cohort
    touches (one ends exactly at its start or starts exactly at its end)."""
    groups = {}
    for b in bookings:
        for coh in inp.courses[b.course]["cohorts"]:
            groups.setdefault((coh, b.start.date()), []).append(b)
    isolated = 0
    for members in groups.values():
        for b in members:
            if not any(o is not b and (o.uend == b.ustart or o.ustart == b.uend) for o in members):
                isolated += 1
    return isolated


def soft_cost(inp, bookings, date_from, date_to):
    """Unweighted soft-cost terms of the placed bookings (those with a known
    course and real times), as exact numbers."""
    placed = [b for b in bookings if b.course in inp.courses and b.ustart is not None]
    by_course = {}
    for b in placed:
        by_course.setdefault(b.course, []).append(b)
    terms = dict.fromkeys(COST_TERMS, Fraction(0))
    for cid, members in by_course.items():
        course = inp.courses[cid]
        reqs = inp.requirements[course["service"]]
        used = {"person": set(), "room": set()}
        for b in members:
            for rid in b.resources:
                res = inp.resources.get(rid)
                if res is not None and res["kind"] in used:
                    used[res["kind"]].add(rid)
        terms["same_person"] += max(0, len(used["person"]) - per_session(reqs, "person"))
        terms["same_room"] += max(0, len(used["room"]) - per_session(reqs, "room"))
        terms["spread"] += spread_cost(course, [b.start.date() for b in members],
                                       date_from, date_to)
    persons = serving_persons(inp)
    if persons:
        load = dict.fromkeys(persons, 0)
        for b in placed:
            minutes = (b.uend - b.ustart) // dt.timedelta(minutes=1)
            for rid in set(b.resources) & persons:
                load[rid] += minutes
        mean = Fraction(sum(load.values()), len(load))
        terms["load"] = sum((max(0, m - mean) for m in load.values()), Fraction(0)) / 60
    terms["compactness"] = Fraction(compactness_cost(inp, placed))
    return terms


def format_cost(terms, weights):
    total = sum(weights[t] * v for t, v in terms.items())
    parts = " ".join("%s %.2f" % (t, weights[t] * terms[t]) for t in COST_TERMS)
    return total, "cost: %.2f\ncost terms: %s" % (total, parts)


class Checker:
    def __init__(self, inputs, args):
        self.inp = inputs
        self.args = args
        self.bookings_name = os.path.basename(args.bookings)
        self.violations = []     # (file order, line, text)
        self.warnings = []

    def fail(self, b, rule, details):
        self.violations.append((0, b.line, "%s:%d: %s: %s: %s"
                                % (self.bookings_name, b.line, b.tag(), rule, details)))

    def fail_file(self, where, line, rule, details, order=1):
        self.violations.append((order, line, "%s: %s: %s" % (where, rule, details)))

    # ---- reading the output files
    def read_bookings(self):
        path = self.args.bookings
        try:
            with open(path, encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
        except OSError as e:
            raise InputError("%s: %s" % (path, e.strerror))
        except UnicodeDecodeError:
            raise InputError("%s: not UTF-8" % path)
        bookings = []
        # the contract allows extra columns after the six; ordo writes `conflict`
        if not rows or rows[0] not in (BOOKINGS_HEADER, BOOKINGS_HEADER + ["conflict"]):
            self.fail_file(self.bookings_name + ":1", 1, "header",
                           "expected '%s', got '%s'" % (",".join(BOOKINGS_HEADER),
                                                        ",".join(rows[0]) if rows else ""), order=0)
            return None
        for i, row in enumerate(rows[1:], start=2):
            if len(row) != len(rows[0]):
                self.fail_file("%s:%d" % (self.bookings_name, i), i, "format",
                               "%d cells, expected %d" % (len(row), len(rows[0])), order=0)
                continue
            bookings.append(Booking(i, row))
        return bookings

    def read_unscheduled(self):
        path = os.path.join(os.path.dirname(os.path.abspath(self.args.bookings)), "unscheduled.csv")
        if not os.path.exists(path):
            return None
        try:
            with open(path, encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
        except (OSError, UnicodeDecodeError) as e:
            raise InputError("unscheduled.csv: %s" % e)
        out = []
        if not rows or rows[0] != UNSCHEDULED_HEADER:
            self.fail_file("unscheduled.csv:1", 1, "header",
                           "expected '%s'" % ",".join(UNSCHEDULED_HEADER), order=2)
            return out
        for i, row in enumerate(rows[1:], start=2):
            where = "unscheduled.csv:%d" % i
            if len(row) != 3:
                self.fail_file(where, i, "format", "%d cells, expected 3" % len(row), order=2)
                continue
            course, session, reason = row
            if course not in self.inp.courses:
                self.fail_file(where, i, "unknown_course", "course '%s' is not in courses.csv"
                               % course, order=2)
                continue
            if not INT_RE.match(session):
                self.fail_file(where, i, "format", "session '%s' is not a number" % session, order=2)
                continue
            m = re.match(r"^([a-z_]+)(:|\s|$)", reason)
            if not m:
                self.fail_file(where, i, "reason",
                               "'%s' does not begin with a lowercase keyword" % reason, order=2)
            elif m.group(1) not in REASON_KEYWORDS:
                if m.group(2) == ":":
                    self.warnings.append("%s: reason keyword '%s' is not one of %s"
                                         % (where, m.group(1), ", ".join(REASON_KEYWORDS)))
                else:
                    self.fail_file(where, i, "reason", "'%s' does not begin with a known keyword "
                                   "or 'keyword:'" % reason, order=2)
            out.append((i, course, int(session)))
        return out

    # ---- one booking on its own
    def check_times(self, b):
        """Formats, DST, grid, one day, duration, windows. Sets b.ustart/uend
        when the times can be placed on the real time line at all."""
        course = self.inp.courses.get(b.course)
        if course is None:
            self.fail(b, "unknown_course", "course '%s' is not in courses.csv" % b.course)
        if b.session is None or b.session < 1:
            self.fail(b, "format", "session '%s' is not a number >= 1" % b.session_text)
        tz = self.inp.sites.get(b.site)
        if tz is None:
            self.fail(b, "site", "site '%s' is not in sites.csv" % b.site)
        if b.start is None or b.end is None:
            self.fail(b, "format", "start/end '%s' is not local YYYY-MM-DDTHH:MM" % b.span())
            return
        if tz is None:
            return
        b.ustart, st_s = resolve_local(b.start, tz)
        b.uend, st_e = resolve_local(b.end, tz)
        times_ok = True
        for what, st, text in (("start", st_s, b.start_text), ("end", st_e, b.end_text)):
            if st != "ok":
                times_ok = False
                self.fail(b, "dst", "%s %s %s in %s" % (
                    what, text, "does not exist" if st == "gap" else "occurs twice", tz.key))
        wall = b.start.hour * 60 + b.start.minute
        if wall % self.args.slot:
            self.fail(b, "slot_grid", "start %s is not on the %d-minute grid from local midnight"
                      % (b.start_text, self.args.slot))
        day = b.start.date()
        next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0))
        if b.end.date() != day and b.end != next_midnight:
            self.fail(b, "one_day", "%s does not lie within one local day" % b.span())
        if b.uend <= b.ustart:
            self.fail(b, "duration", "end %s is not after start %s" % (b.end_text, b.start_text))
        elif course is not None and times_ok:
            minutes = (b.uend - b.ustart) // dt.timedelta(minutes=1)
            want = self.inp.services[course["service"]]
            if minutes != want:
                self.fail(b, "duration", "%s lasts %d real minutes, service %s takes %d"
                          % (b.span(), minutes, course["service"], want))
        if not (self.args.date_from <= day <= self.args.date_to):
            self.fail(b, "planning_window", "date %s outside --from %s --to %s"
                      % (day, self.args.date_from, self.args.date_to))
        if course is not None:
            if not (course["earliest"] <= day <= course["latest"]):
                self.fail(b, "window", "date %s outside the course's earliest..latest %s..%s"
                          % (day, course["earliest"], course["latest"]))
            if course["contract"]:
                k = self.inp.contracts[course["contract"]]
                if not (k["start"] <= day <= k["end"]):
                    self.fail(b, "contract_dates", "date %s outside contract %s's dates %s..%s"
                              % (day, course["contract"], k["start"], k["end"]))
        if b.uend <= b.ustart:
            b.ustart = b.uend = None     # keep a broken interval out of overlap checks

    def check_resources(self, b):
        course = self.inp.courses.get(b.course)
        if course is None:
            return
        reqs = self.inp.requirements[course["service"]]
        need = sum(r["count"] for r in reqs)
        if len(b.resources) != need:
            self.fail(b, "resources", "%d resource(s) '%s', service %s requires %d"
                      % (len(b.resources), ";".join(b.resources), course["service"], need))
        seen = set()
        for rid in b.resources:
            if rid in seen:
                self.fail(b, "distinct", "resource %s listed twice" % rid)
            seen.add(rid)
        expected = [r for r in reqs for _ in range(r["count"])]
        for pos, rid in enumerate(b.resources):
            res = self.inp.resources.get(rid)
            if res is None:
                self.fail(b, "resources", "resource '%s' is not in resources.csv" % rid)
                continue
            if res["site"] != b.site:
                self.fail(b, "site", "resource %s is at site %s, booking is at %s"
                          % (rid, res["site"], b.site))
            if pos >= len(expected) or len(b.resources) != need:
                continue
            r = expected[pos]
            if res["kind"] != r["kind"]:
                self.fail(b, "kind", "resource %s (position %d) is a %s, requirement wants a %s"
                          % (rid, pos + 1, res["kind"], r["kind"]))
                continue
            if r["skill"] and r["skill"] not in res["skills"]:
                self.fail(b, "skill", "resource %s lacks skill '%s' (has '%s')"
                          % (rid, r["skill"], ";".join(sorted(res["skills"]))))
            if r["kind"] == "room" and r["min_cap"] is not None:
                want = course["participants"] if r["min_cap"] == "participants" else r["min_cap"]
                if res["capacity"] is None or res["capacity"] < want:
                    self.fail(b, "capacity", "room %s has %s seats, needs %s%s"
                              % (rid, res["capacity"], want,
                                 " (participants)" if r["min_cap"] == "participants" else ""))

    def check_availability(self, b):
        if b.ustart is None or b.start is None:
            return
        smin = b.start.hour * 60 + b.start.minute
        emin = 1440 if b.end.date() != b.start.date() else b.end.hour * 60 + b.end.minute
        wd = b.start.weekday()
        for rid in dict.fromkeys(b.resources):
            if rid not in self.inp.resources:
                continue
            days = self.inp.hours.get(rid)
            if days is not None:     # no row at all: always available
                ivs = days.get(wd, [])
                if not any(s <= smin and emin <= e for s, e in ivs):
                    day = [k for k, v in WEEKDAYS.items() if v == wd][0]
                    hours = ",".join("%02d:%02d-%02d:%02d" % (s // 60, s % 60, e // 60, e % 60)
                                     for s, e in ivs)
                    self.fail(b, "working_hours", "resource %s works %s on %s, booking %s"
                              % (rid, hours or "no hours", day, b.span()))
            for os_, oe, text in self.inp.time_off.get(rid, []):
                if b.ustart < oe and os_ < b.uend:
                    self.fail(b, "time_off", "resource %s is off %s" % (rid, text))

    # ---- rules across bookings
    def check_sort(self, bookings):
        prev = None
        for b in bookings:
            if b.ustart is None or b.session is None:
                prev = None
                continue
            key = (b.ustart, b.course.encode("utf-8"), b.session)
            if prev is not None and key < prev[0]:
                self.fail(b, "sort_order", "row comes after %s (line %d) but sorts before it "
                          "(real start, course, session)" % (prev[1].tag(), prev[1].line))
            prev = (key, b)

    def check_pairs(self, rule, groups, describe):
        """Report every overlapping pair within each group (once per pair)."""
        reported = set()
        for name, members in groups.items():
            members = sorted(members, key=lambda x: (x.ustart, x.line))
            for i, a in enumerate(members):
                for c in members[i + 1:]:
                    if c.ustart >= a.uend:
                        break
                    key = (min(a.line, c.line), max(a.line, c.line))
                    if key in reported or not describe(a, c) or not a.overlaps(c):
                        continue
                    reported.add(key)
                    first, second = sorted((a, c), key=lambda x: x.line)
                    self.fail(second, rule, "%s %s overlaps %s %s (line %d)"
                              % (describe(a, c), second.span(), first.tag(), first.span(),
                                 first.line))

    def check_overlaps(self, bookings):
        timed = [b for b in bookings if b.ustart is not None]
        by_res, by_cohort, by_course = {}, {}, {}
        for b in timed:
            for rid in dict.fromkeys(b.resources):
                by_res.setdefault(rid, []).append(b)
            course = self.inp.courses.get(b.course)
            if course:
                for c in course["cohorts"]:
                    by_cohort.setdefault(c, []).append(b)
            by_course.setdefault(b.course, []).append(b)
        for rid, members in by_res.items():
            self.check_pairs("double_booking", {rid: members},
                             lambda a, c, rid=rid: "resource %s:" % rid)
        self.check_pairs("course_overlap", by_course, lambda a, c: "session")
        for coh, members in by_cohort.items():
            self.check_pairs("cohort", {coh: members},
                             lambda a, c, coh=coh: ("cohort %s:" % coh) if a.course != c.course
                             else None)

    def check_courses(self, bookings, unscheduled):
        by_course = {}
        for b in bookings:
            if b.course in self.inp.courses and b.session is not None:
                by_course.setdefault(b.course, []).append(b)
        uns = {}
        for line, course, session in unscheduled or []:
            uns.setdefault(course, []).append((line, session))
        bank = {}
        for cid, course in self.inp.courses.items():
            placed = by_course.get(cid, [])
            timed = sorted([b for b in placed if b.ustart is not None],
                           key=lambda x: (x.ustart, x.line))
            # numbering: 1..k in time order
            if len(timed) == len(placed):
                for n, b in enumerate(timed, start=1):
                    if b.session != n:
                        self.fail(b, "numbering", "is the course's session %d in time order, "
                                  "numbered %d" % (n, b.session))
            # min_days_between on local calendar dates of consecutive sessions
            for a, c in zip(timed, timed[1:]):
                gap = (c.start.date() - a.start.date()).days
                if gap < course["min_days"]:
                    self.fail(c, "min_days", "starts %d day(s) after %s (%s), min_days_between %d"
                              % (gap, a.tag(), a.start_text, course["min_days"]))
            # one site for all the course's sessions, one of its `site` list
            if course["sites"]:
                for b in placed:
                    if b.site not in course["sites"]:
                        self.fail(b, "site_list", "course %s may only take place at %s, booking is at %s"
                                  % (cid, ";".join(sorted(course["sites"])), b.site))
            first = (timed or placed or [None])[0]
            for b in placed:
                if b.site != first.site:
                    self.fail(b, "one_site", "course %s has sessions at %s and %s; all must be at one site"
                              % (cid, first.site, b.site))
            # placed + unscheduled == sessions; unscheduled numbered after placed
            k = len(placed)
            mine = uns.get(cid, [])
            got = sorted(s for _, s in mine)
            want = list(range(k + 1, course["sessions"] + 1))
            if k + len(mine) != course["sessions"]:
                self.fail_file("courses.csv:%d" % course["line"], course["line"], "session_count",
                               "course %s has %d sessions: %d placed + %d unscheduled"
                               % (cid, course["sessions"], k, len(mine)), order=3)
            elif got != want:
                line = min(l for l, _ in mine)
                self.fail_file("unscheduled.csv:%d" % line, line, "numbering",
                               "course %s: unscheduled sessions numbered %s, expected %s"
                               % (cid, got, want), order=2)
            # contract ownership and hour bank
            kid = course["contract"]
            if kid:
                k_rec = self.inp.contracts[kid]
                if k_rec["customer"] != course["customer"]:
                    self.fail_file("courses.csv:%d" % course["line"], course["line"],
                                   "contract_customer", "course %s is for %s, contract %s belongs "
                                   "to %s" % (cid, course["customer"], kid, k_rec["customer"]),
                                   order=3)
                dur = self.inp.services[course["service"]]
                bank.setdefault(kid, []).extend((b, dur) for b in placed)
        for kid, items in bank.items():
            limit = self.inp.contracts[kid]["minutes"]
            total = sum(d for _, d in items)
            if total <= limit:
                continue
            items.sort(key=lambda x: (x[0].ustart is None, x[0].ustart or 0, x[0].line))
            run = 0
            for b, d in items:
                run += d
                if run > limit:
                    self.fail(b, "hour_bank", "contract %s: %d minutes booked in all, bank is %d "
                              "minutes (%s h); exceeded from this session on"
                              % (kid, total, limit, self.inp.contracts[kid]["hours"]))
                    break

    def run(self):
        bookings = self.read_bookings()
        if bookings is None:
            return self.report([], None)            # nothing else can be judged
        unscheduled = self.read_unscheduled()
        if unscheduled is not None and self.args.expect_all_placed:
            self.fail_file("unscheduled.csv", 0, "unscheduled",
                           "present, but every session was expected to be placed", order=2)
        for b in bookings:
            self.check_times(b)
            self.check_resources(b)
            self.check_availability(b)
        self.check_sort(bookings)
        self.check_overlaps(bookings)
        self.check_courses(bookings, unscheduled)
        if self.args.cost:
            terms = soft_cost(self.inp, bookings, self.args.date_from, self.args.date_to)
            print(format_cost(terms, self.args.weights)[1])
        return self.report(bookings, unscheduled)

    def report(self, bookings, unscheduled):
        for w in self.warnings:
            print("warning: " + w)
        if self.violations:
            for _, _, text in sorted(self.violations, key=lambda v: (v[0], v[1])):
                print(text)
            print("check_plan: FAIL (%d violations)" % len(self.violations))
            return 1
        print("check_plan: %d bookings OK (%d unscheduled)" % (len(bookings), len(unscheduled or [])))
        return 0


def parse_weights(items):
    weights = dict(DEFAULT_WEIGHTS)
    for item in items:
        name, _, value = item.partition("=")
        if name not in weights:
            raise InputError("--weight: unknown term '%s' (one of %s)" % (name, ", ".join(COST_TERMS)))
        try:
            weights[name] = Fraction(value)
        except ValueError:
            raise InputError("--weight: '%s' is not a number" % value)
        if weights[name] < 0:
            raise InputError("--weight: %s must be >= 0" % name)
    return weights


def main(argv):
    ap = argparse.ArgumentParser(prog="check_plan.py",
                                 description="Re-verify the hard rules of a written plan.")
    ap.add_argument("input_dir")
    ap.add_argument("bookings")
    ap.add_argument("--from", dest="date_from", required=True)
    ap.add_argument("--to", dest="date_to", required=True)
    ap.add_argument("--slot", type=int, default=30)
    ap.add_argument("--expect-all-placed", action="store_true")
    ap.add_argument("--cost", action="store_true",
                    help="also recompute the weighted soft cost (solver/README.md)")
    ap.add_argument("--weight", action="append", default=[], metavar="NAME=VALUE",
                    help="override a soft-cost weight (%s)" % ", ".join(COST_TERMS))
    args = ap.parse_args(argv)
    try:
        args.weights = parse_weights(args.weight)
        args.date_from = parse_date(args.date_from, "--from")
        args.date_to = parse_date(args.date_to, "--to")
        if args.slot < 1:
            raise InputError("--slot: must be >= 1")
        if not os.path.isdir(args.input_dir):
            raise InputError("%s: not a folder" % args.input_dir)
        return Checker(Inputs(args.input_dir), args).run()
    except InputError as e:
        print("check_plan: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
