"""Independent reference for the Holt-Winters members in EtsForecasterTest (numpy only; run: python3 holt_winters_reference.py).

ETS(A,N,A) / ETS(A,A,A): for fixed smoothing parameters the one-step predictions are affine in the initial states
(level, slope, m seasonal states summing to zero), solved here by numpy's least squares; the smoothing
parameters by a grid plus a coordinate refinement. No code or optimiser is shared with the Java side.
"""
import itertools
import math
import numpy as np

M = 7
PATTERN = [-6, -2, 0, 1, 3, 9, -5]
WEEKLY = [round(50 + 0.3 * t + PATTERN[t % M] + ((t * 37) % 11 - 5) * 0.8, 2) for t in range(56)]


def predictions(y, trend, alpha, beta, gamma, x):
    level, slope = x[0], (x[1] if trend else 0.0)
    free = list(x[2:] if trend else x[1:])
    season = free + [-sum(free)]
    out = []
    for t, obs in enumerate(y):
        slot = t % M
        pred = level + slope + season[slot]
        out.append(pred)
        err = obs - pred
        level = level + slope + alpha * err
        slope = slope + beta * err if trend else 0.0
        season[slot] += gamma * err
    return np.array(out), level, slope, season


def profile(y, trend, alpha, beta, gamma):
    states = (2 if trend else 1) + M - 1
    base = predictions(y, trend, alpha, beta, gamma, [0.0] * states)[0]
    cols = []
    for j in range(states):
        unit = [0.0] * states
        unit[j] = 1.0
        cols.append(predictions(y, trend, alpha, beta, gamma, unit)[0] - base)
    x, *_ = np.linalg.lstsq(np.column_stack(cols), np.array(y) - base, rcond=None)
    pred, level, slope, season = predictions(y, trend, alpha, beta, gamma, list(x))
    sse = float(np.sum((np.array(y) - pred) ** 2))
    return sse, level, slope, season


def fit(y, trend):
    def sse_of(a, g, b):
        return profile(y, trend, a, a * b if trend else 0.0, (1 - a) * g)[0]
    grid = np.arange(0.05, 1.0, 0.05)
    best = min(((sse_of(a, g, b), a, g, b) for a, g, b in itertools.product(grid, grid, grid if trend else [0.0])))
    sse, a, g, b = best
    step = 0.02
    while step > 1e-6:
        improved = False
        for da, dg, db in itertools.product((-step, 0, step), repeat=3):
            na, ng, nb = a + da, g + dg, b + (db if trend else 0)
            if not (1e-4 <= na <= 0.9999 and 1e-4 <= ng <= 0.9999 and (not trend or 1e-4 <= nb <= 0.9999)):
                continue
            s = sse_of(na, ng, nb)
            if s < sse - 1e-12:
                sse, a, g, b, improved = s, na, ng, nb, True
        if not improved:
            step /= 2
    _, level, slope, season = profile(y, trend, a, a * b if trend else 0.0, (1 - a) * g)
    n, k = len(y), (3 if trend else 2) + (2 if trend else 1) + M - 1 + 1
    loglik = -0.5 * n * (math.log(2 * math.pi * sse / n) + 1)
    aicc = -2 * loglik + 2 * k + 2 * k * (k + 1) / (n - k - 1)
    t = len(y)
    forecast = [level + (h * slope if trend else 0) + season[(t + h - 1) % M] for h in range(1, 8)]
    return dict(sse=sse, alpha=a, gamma=(1 - a) * g, beta=a * b if trend else 0.0, aicc=aicc, forecast=forecast)


if __name__ == "__main__":
    print("WEEKLY =", WEEKLY)
    print("fixed A,A,A alpha=.3 beta=.05 gamma=.1:", profile(WEEKLY, True, 0.3, 0.05, 0.1)[0])
    print("A,N,A", fit(WEEKLY, False))
    print("A,A,A", fit(WEEKLY, True))
