#!/usr/bin/env python3
"""ctt_time_lp.py — can an ITC-2007 instance be timetabled at zero cost if
rooms only count as seats? Writes a CPLEX-LP feasibility model.

    benchmarks/ctt_time_lp.py compNN.ctt > model.lp
    glpsol --lp model.lp --tmlim 600          (glpsol: Debian's glpk-utils)

Columns: a course's lectures per period (0/1), a course's days. Rows: every
lecture placed, none in an unavailable period, at most one lecture per
curriculum and period and per teacher and period, each course on at least
its minimum working days (no min-days cost), no isolated lecture in any
curriculum (no compactness cost), and per period Hall's condition on seats
(for every course size v: the lectures of courses with v or more students
are at most the rooms with v or more seats; rooms are nested by size, so
this is exactly "every lecture gets a room that holds it": no capacity
cost). Room stability is left out. The model is a relaxation of "a plan of
cost 0": INFEASIBLE proves every plan costs at least 1; a solution proves
that this relaxation forces nothing.

Measured on comp20 (issue 12; its bound is 0, best known 4): 121 courses,
8,665 lines. GLPK's branch-and-bound (glp_intopt, presolve on, cuts off as
by default) ran 600 s without finding a solution or proving there is none
(905 nodes open, bound 0); with Gomory, MIR, cover and clique cuts on, 900 s,
the same. It decides nothing either way (benchmarks/README.md, stop 27).
A SAT solver decides the same question in seconds (UNSATISFIABLE): ordo's
bound now ends with a SAT stage (solver/sat.h; benchmarks/README.md, stop
28), which proves comp20's bound 2 in a 150 s run and 4, its optimum, with
more time.
Compare ctt_room_lp.py (rooms alone force nothing on comp20).
"""
import sys

from ctt_room_lp import read_ctt


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: ctt_time_lp.py compNN.ctt > model.lp")
    hdr, courses, rooms, curricula, unavailable = read_ctt(sys.argv[1])
    days, per_day = int(hdr["Days"]), int(hdr["Periods_per_day"])

    def x(c, d, p):
        return "x_%s_%d_%d" % (c, d, p)

    def free(c, d, p):
        return (d, p) not in unavailable.get(c, ())

    rows, binaries = [], []
    for c, (_, lectures, _, min_days) in courses.items():
        cols = [x(c, d, p) for d in range(days) for p in range(per_day) if free(c, d, p)]
        binaries += cols
        rows.append(" + ".join(cols) + " = %d" % lectures)
        on_day = []
        for d in range(days):
            day_cols = [x(c, d, p) for p in range(per_day) if free(c, d, p)]
            if day_cols:
                y = "y_%s_%d" % (c, d)
                on_day.append(y)
                binaries.append(y)
                rows.append(y + "".join(" - " + v for v in day_cols) + " <= 0")
        rows.append(" + ".join(on_day) + " >= %d" % min_days)
    teachers = {}
    for c, v in courses.items():
        teachers.setdefault(v[0], []).append(c)
    for group in curricula + list(teachers.values()):
        for d in range(days):
            for p in range(per_day):
                cols = [x(c, d, p) for c in group if free(c, d, p)]
                if len(cols) > 1:
                    rows.append(" + ".join(cols) + " <= 1")
    for v in sorted(set(s for _, _, s, _ in courses.values())):
        fitting = sum(1 for cap in rooms.values() if cap >= v)
        for d in range(days):
            for p in range(per_day):
                cols = [x(c, d, p) for c, (_, _, s, _) in courses.items() if s >= v and free(c, d, p)]
                if len(cols) > fitting:
                    rows.append(" + ".join(cols) + " <= %d" % fitting)
    for group in curricula:
        for d in range(days):
            for p in range(per_day):
                here = [x(c, d, p) for c in group if free(c, d, p)]
                if not here:
                    continue
                near = [x(c, d, q) for q in (p - 1, p + 1) if 0 <= q < per_day
                        for c in group if free(c, d, q)]
                rows.append(" + ".join(here) + "".join(" - " + v for v in near) + " <= 0")
    out = ["\\ %s: %d courses, zero-cost time model" % (hdr.get("Name", "?"), len(courses)),
           "Minimize", " obj: 0 " + binaries[0], "Subject To"]
    out += [" r%d: %s" % (i + 1, row) for i, row in enumerate(rows)]
    out.append("Binary")
    out += [" " + b for b in binaries]
    out.append("End")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
