#!/usr/bin/env python3
# ctt_eval.py — a second, independent evaluator of an ITC-2007 track 3
# (CB-CTT) solution, written from the problem definition (Di Gaspero,
# McCollum, Schaerf 2007) and sharing no code with `ordo ctt check`: for
# cross-checking a result worth a claim (benchmarks/solutions/).
#
#   python3 benchmarks/ctt_eval.py INSTANCE.ctt SOLUTION.sol
#
# Prints the hard violations (lectures missing or extra, room occupied
# twice, a lecture in an unavailable period, two lectures of one
# curriculum, course or teacher at one period) and the four soft costs:
# room capacity (a student over the seats: 1), minimum working days (a day
# short: 5), curriculum compactness (a lecture with no lecture of its
# curriculum in the period before or after on that day: 2), room stability
# (a room beyond the first of a course: 1). Exit 1 if any hard violation.
#
# Checked against the official validator's breakdown (expected.tsv in
# ../shared/data/itc2007/reference-solutions/): every count of the 21
# infeasible/ solutions matches. It does not follow the validator's rules
# for malformed lines (random/: unknown rooms, repeated lectures, which the
# validator skips with a warning), so it is for well-formed solutions.
import collections
import sys


def sections(path):
    lines = [l.split() for l in open(path)]
    head, i = {}, 0
    while lines[i][:1] != ['COURSES:']:
        if lines[i]:
            head[lines[i][0].rstrip(':')] = lines[i][1]
        i += 1
    body, name = collections.defaultdict(list), 'COURSES'
    for l in lines[i + 1:]:
        if not l:
            continue
        if l[0].endswith(':'):
            name = l[0].rstrip(':')
        elif l[0] != 'END.':
            body[name].append(l)
    return head, body


def main(inst, sol):
    head, body = sections(inst)
    courses = {c: (t, int(n), int(md), int(st)) for c, t, n, md, st in (l[:5] for l in body['COURSES'])}
    seats = {l[0]: int(l[1]) for l in body['ROOMS']}
    curricula = [set(l[2:2 + int(l[1])]) for l in body['CURRICULA']]
    unavailable = {(l[0], int(l[1]), int(l[2])) for l in body['UNAVAILABILITY_CONSTRAINTS']}
    lectures = collections.defaultdict(list)
    for l in (l.split() for l in open(sol)):
        if l:
            lectures[l[0]].append((l[1], int(l[2]), int(l[3])))
    hard = collections.Counter()
    for c, (_, n, _, _) in courses.items():
        hard['lectures'] += abs(len(lectures[c]) - n)
    rooms_used = collections.Counter((r, d, p) for ls in lectures.values() for r, d, p in ls)
    hard['room_occupancy'] = sum(k - 1 for k in rooms_used.values())
    hard['availability'] = sum((c, d, p) in unavailable for c, ls in lectures.items() for r, d, p in ls)
    at = collections.defaultdict(list)
    for c, ls in lectures.items():
        for r, d, p in ls:
            at[(d, p)].append(c)
    for cs in at.values():
        for i in range(len(cs)):
            for j in range(i + 1, len(cs)):
                x, y = cs[i], cs[j]
                if x == y or courses[x][0] == courses[y][0] or any(x in q and y in q for q in curricula):
                    hard['conflicts'] += 1
    capacity = sum(max(0, courses[c][3] - seats[r]) for c, ls in lectures.items() for r, d, p in ls)
    min_days = sum(5 * max(0, md - len({d for _, d, _ in lectures[c]})) for c, (_, _, md, _) in courses.items())
    stability = sum(max(0, len({r for r, _, _ in lectures[c]}) - 1) for c in courses)
    compactness = 0
    for q in curricula:
        busy = {(d, p) for c in q for _, d, p in lectures[c]}
        compactness += 2 * sum((d, p - 1) not in busy and (d, p + 1) not in busy for d, p in busy)
    total = capacity + min_days + compactness + stability
    print('hard', dict(hard), 'capacity', capacity, 'min_days', min_days, 'compactness', compactness,
          'stability', stability, 'total', total)
    return 1 if sum(hard.values()) else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('usage: ctt_eval.py INSTANCE.ctt SOLUTION.sol')
    sys.exit(main(sys.argv[1], sys.argv[2]))
