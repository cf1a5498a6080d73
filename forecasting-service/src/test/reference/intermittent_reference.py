#!/usr/bin/env python3
"""Independent reference values for the intermittent-demand model tests (Python 3, stdlib only).

Textbook recursions, written from the papers rather than from the Java code:
  Croston (1972), Oper. Res. Q. 23(3): z <- z + a(y - z), x <- x + a(q - x) at each demand; rate z/x.
  Syntetos & Boylan (2005), IJF 21(2): SBA rate (1 - a/2) z/x.
  Teunter, Syntetos & Babai (2011), EJOR 214(3): p <- p + b(1[y>0] - p) every period,
    z <- z + a(y - z) at each demand; rate p*z.
  Syntetos, Boylan & Croston (2005), JORS 56(5): ADI = mean inter-demand interval,
    CV2 = (sd/mean)^2 of non-zero sizes, cut-offs 1.32 and 0.49.
Initialisation "naive" (Croston 1972; R tsintermittent init="naive"): z = first demand, x = its
1-based position (the first interval), TSB p = 1/x; smoothing starts after the first demand.
Croston/SBA follow tsintermittent's crost(): decompose into sizes and intervals, smooth those lists,
then spread each rate over the periods up to the next demand.
"""
from statistics import mean, stdev

GRID = [0.05, 0.10, 0.15, 0.20, 0.25, 0.30]


def decompose(y):
    days = [i + 1 for i, v in enumerate(y) if v != 0]
    sizes = [y[d - 1] for d in days]
    intervals = [days[0]] + [b - a for a, b in zip(days, days[1:])]
    return days, sizes, intervals


def croston_in_sample(y, a, sba):
    """frc[t] = forecast for 0-based period t made after period t-1; None before the first demand."""
    days, sizes, intervals = decompose(y)
    z, x = [sizes[0]], [intervals[0]]
    for s, q in zip(sizes[1:], intervals[1:]):
        z.append(z[-1] + a * (s - z[-1]))
        x.append(x[-1] + a * (q - x[-1]))
    coeff = 1 - a / 2 if sba else 1.0
    frc = [None] * (len(y) + 1)
    ends = days[1:] + [len(y) + 1]
    for i, (start, end) in enumerate(zip(days, ends)):
        for t in range(start, end):  # 0-based periods after demand day i up to the next demand day
            frc[t] = coeff * z[i] / x[i]
    return frc  # frc[len(y)] is the out-of-sample level


def tsb_in_sample(y, a, b):
    days, sizes, intervals = decompose(y)
    first = days[0]
    z, p = sizes[0], 1 / intervals[0]
    frc = [None] * (len(y) + 1)
    frc[first] = p * z
    for t in range(first, len(y)):
        hit = 1 if y[t] > 0 else 0
        p = p + b * (hit - p)
        if hit:
            z = z + a * (y[t] - z)
        frc[t + 1] = p * z
    return frc


def mse(y, frc):
    errors = [(y[t] - frc[t]) ** 2 for t in range(len(y)) if frc[t] is not None]
    return sum(errors) / len(errors) if errors else 0.0


def fit(y, kind):
    results = []
    for a in GRID:
        for b in (GRID if kind == "tsb" else [a]):
            frc = tsb_in_sample(y, a, b) if kind == "tsb" else croston_in_sample(y, a, kind == "sba")
            results.append((mse(y, frc), a, b, frc[len(y)]))
    best = min(results, key=lambda r: r[0])  # min keeps the first (smallest a, then b) on ties
    runner_up = sorted(r[0] for r in results)[1]
    return best, runner_up


def classify(y):
    days, sizes, intervals = decompose(y)
    adi = mean(intervals)
    cv2 = (stdev(sizes) / mean(sizes)) ** 2 if len(sizes) > 1 else 0.0
    return adi, cv2


SERIES = [0, 0, 3, 0, 0, 0, 5, 0, 2, 0, 0, 4, 0, 0, 0, 0, 6, 0, 1, 0, 0, 3, 0, 0]
# Found by a seeded random search for a series whose best grid constants are interior for all three.
FITTING_SERIES = [0, 5, 6, 5, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 1, 0, 1, 0, 1, 3, 4, 0, 5, 0, 2, 0, 0, 0]

if __name__ == "__main__":
    print("series", SERIES)
    print("adi, cv2", repr(classify(SERIES)))
    for a in (0.1, 0.3):
        for kind, sba in (("croston", False), ("sba", True)):
            frc = croston_in_sample(SERIES, a, sba)
            print(f"{kind} a={a} level={frc[-1]!r} mse={mse(SERIES, frc)!r}")
    frc = tsb_in_sample(SERIES, 0.1, 0.2)
    print(f"tsb a=0.1 b=0.2 level={frc[-1]!r} mse={mse(SERIES, frc)!r}")
    print("fitting series", FITTING_SERIES)
    for kind in ("croston", "sba", "tsb"):
        (best_mse, a, b, level), runner_up = fit(FITTING_SERIES, kind)
        print(f"fitted {kind}: a={a} b={b} level={level!r} mse={best_mse!r} runner-up mse={runner_up!r}")
