#!/usr/bin/python3
"""ics_attendees.py FILE.ics — prints, per VEVENT in file order, its UID and
its ATTENDEE values as python-icalendar reads them ("UID a1 a2 ..."), and the
count of properties whose name starts with X-EVIL or that the parser could
not read; used by test_ical_export's injection test."""
import sys

import icalendar

with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
for ev in cal.walk("VEVENT"):
    att = ev.get("ATTENDEE", [])
    if not isinstance(att, list):
        att = [att]
    print(str(ev.get("UID")), len(att), " ".join(str(a) for a in att))
    errors = getattr(ev, "errors", [])
    if errors:
        print("ERRORS", errors)
