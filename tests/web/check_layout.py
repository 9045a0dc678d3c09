#!/usr/bin/python3
"""check_layout.py DOM.html — reads the <pre id="measure"> lines that
measure.js wrote into a page rendered by chromium and checks the timetable as
a person would see it: every block starts at its real local start and is as
tall as its duration (60 px an hour, first hour label at 0 px), stays inside
its day column, blocks of one day never cover each other, a conflict is drawn
red, and the text of a block of an hour or more is not cut off (its three
lines fit; a shorter one may be, its tooltip and the page's conflict list
say it all). Prints every measurement as 'measured: ...' first. Prints one line per problem and
'layout: N blocks OK' or exits 1."""
import html
import re
import sys

HOUR_PX = 60
dom = open(sys.argv[1], encoding="utf-8").read()
m = None
for m in re.finditer(r'<pre id="measure">(.*?)</pre>', dom, re.S):
    pass        # the last one: the element the script added
if not m:
    print("no <pre id=measure> in the DOM: the script did not run")
    sys.exit(1)
lines = [ln.split(" ") for ln in html.unescape(m.group(1)).split("\n") if ln]
for ln in lines:
    print("measured: " + " ".join(ln))
hours = [(int(l[1][:2]), int(l[2])) for l in lines if l[0] == "H"]
blocks = [l for l in lines if l[0] == "B"]
problems = []
if not hours:
    problems.append("no hour labels")
first = hours[0][0] if hours else 0
for h, top in hours:
    if abs(top - (h - first) * HOUR_PX) > 1:
        problems.append("hour label %02d:00 at %d px, expected %d" % (h, top, (h - first) * HOUR_PX))
for b in blocks:
    sid, date = b[1], b[2]
    top, height, left, width, pw = map(int, b[3:8])
    start, end, conflict, bg, clipped = int(b[8]), int(b[9]), int(b[10]), b[11], int(b[12])
    want_top = (start - first * 60) * HOUR_PX // 60
    want_h = (end - start) * HOUR_PX // 60
    if abs(top - want_top) > 1:
        problems.append("session %s on %s: top %d px, expected %d" % (sid, date, top, want_top))
    if abs(height - want_h) > 1:
        problems.append("session %s on %s: height %d px, expected %d" % (sid, date, height, want_h))
    if left < 0 or left + width > pw + 1:
        problems.append("session %s sticks out of its day column" % sid)
    if conflict and bg != "rgb(255,214,214)":
        problems.append("session %s in conflict but drawn %s" % (sid, bg))
    if not conflict and bg == "rgb(255,214,214)":
        problems.append("session %s drawn as a conflict" % sid)
    if clipped and end - start >= 60:
        problems.append("session %s: its text is cut off" % sid)
for i, a in enumerate(blocks):
    for c in blocks[i + 1:]:
        if a[2] != c[2]:
            continue
        at, ah, al, aw = map(int, a[3:7])
        ct, ch, cl, cw = map(int, c[3:7])
        if at < ct + ch and ct < at + ah and al < cl + cw and cl < al + aw:
            problems.append("sessions %s and %s cover each other on %s" % (a[1], c[1], a[2]))
for p in problems:
    print(p)
if problems or not blocks:
    print("layout: FAIL (%d problems, %d blocks)" % (len(problems), len(blocks)))
    sys.exit(1)
print("layout: %d blocks OK" % len(blocks))
