#!/usr/bin/env python3
"""ctt_room_lp.py — can the big courses of an ITC-2007 instance keep one
room each at zero room cost? Writes a CPLEX-LP feasibility model for glpsol.

    benchmarks/ctt_room_lp.py compNN.ctt THRESHOLD > model.lp
    glpsol --lp model.lp --tmlim 300

The courses with more than THRESHOLD students, the rooms with more than
THRESHOLD seats (every one of them fits every such course: no capacity
cost), each course in exactly one room (no room-stability cost), at most one
lecture per room and period, per course and period, per curriculum and
period and per teacher and period, none in a course's unavailable periods.
Every other course is left out, so the model is a relaxation of "a plan
whose big courses cost nothing in rooms": INFEASIBLE proves that every plan
pays at least 1 (a student over a room's seats or a second room); a solution
proves only that this part of the instance forces nothing.

Measured on comp20 (issue 12, whose bound is 0): 47 courses over 80
students (142 lectures) into the six rooms of 216 seats or more (150
room-periods, the packing is exact: one room full, five at 24 of 25):
feasible, found by glpsol in 9 s; with THRESHOLD 74 (53 courses, 9 rooms):
feasible in 19 s. So comp20's cost (best known 4) does not come from its
rooms alone; a bound above 0 must come from the time structure (curricula,
compactness, minimum working days).
"""
import sys


def read_ctt(path):
    sec, hdr = None, {}
    courses, rooms, curricula, unavailable = {}, {}, [], {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if line == "END.":
                break
            if line.endswith(":"):
                sec = line[:-1]
                continue
            a = line.split()
            if sec is None:
                hdr[a[0].rstrip(":")] = a[1]
            elif sec == "COURSES":
                courses[a[0]] = (a[1], int(a[2]), int(a[4]), int(a[3]))  # teacher, lectures, students, min days
            elif sec == "ROOMS":
                rooms[a[0]] = int(a[1])
            elif sec == "CURRICULA":
                curricula.append(a[2:])
            elif sec == "UNAVAILABILITY_CONSTRAINTS":
                unavailable.setdefault(a[0], set()).add((int(a[1]), int(a[2])))
    return hdr, courses, rooms, curricula, unavailable


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: ctt_room_lp.py compNN.ctt THRESHOLD > model.lp")
    hdr, courses, rooms, curricula, unavailable = read_ctt(sys.argv[1])
    thr = int(sys.argv[2])
    periods = [(d, p) for d in range(int(hdr["Days"])) for p in range(int(hdr["Periods_per_day"]))]
    big = [c for c, v in courses.items() if v[2] > thr]
    big_rooms = [r for r, cap in rooms.items() if cap > thr]
    x = {(c, r, t): "x_%s_%s_%d" % (c, r, t)
         for c in big for r in big_rooms for t, dp in enumerate(periods)
         if dp not in unavailable.get(c, ())}
    rows = []

    def at_most_one(cols):
        if len(cols) > 1:
            rows.append(" + ".join(cols) + " <= 1")

    for c in big:
        rows.append(" + ".join("y_%s_%s" % (c, r) for r in big_rooms) + " = 1")
        for r in big_rooms:
            cols = [x[c, r, t] for t in range(len(periods)) if (c, r, t) in x]
            rows.append(" + ".join(cols) + " - %d y_%s_%s = 0" % (courses[c][1], c, r))
        for t in range(len(periods)):
            at_most_one([x[c, r, t] for r in big_rooms if (c, r, t) in x])
    for r in big_rooms:
        for t in range(len(periods)):
            at_most_one([x[c, r, t] for c in big if (c, r, t) in x])
        rows.append(" + ".join("%d y_%s_%s" % (courses[c][1], c, r) for c in big) + " <= %d" % len(periods))
    teachers = {}
    for c in big:
        teachers.setdefault(courses[c][0], []).append(c)
    for group in curricula + list(teachers.values()):
        members = [c for c in group if c in big]
        if len(members) < 2:
            continue
        for t in range(len(periods)):
            at_most_one([x[c, r, t] for c in members for r in big_rooms if (c, r, t) in x])
    out = ["\\ %d courses over %d students, %d rooms, %d x columns" % (len(big), thr, len(big_rooms), len(x)),
           "Minimize", " obj: 0 x_none", "Subject To"]
    out += [" r%d: %s" % (i + 1, row) for i, row in enumerate(rows)]
    out.append("Binary")
    out += [" " + v for v in x.values()]
    out += [" y_%s_%s" % (c, r) for c in big for r in big_rooms]
    out += [" x_none", "End"]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
