"""Independent reference for EtsForecasterTest (numpy only; run: python3 ets_reference.py).

For a fixed smoothing vector the one-step predictions of additive-error ETS are linear in the initial states
(level, trend), so the least-squares initial states are exact; a grid over the smoothing parameters plus a local
refinement then gives the maximum-likelihood fit without sharing any code or optimiser with the Java side.
"""
import itertools
import math
import numpy as np

SERIES = [12, 15, 14, 18, 17, 21, 19, 24, 23, 25, 28, 27, 30, 29, 33, 35, 34, 37, 36, 40,
          41, 39, 44, 43, 46, 48, 47, 50, 52, 51]
LEVEL_ONLY = [20, 22, 19, 21, 25, 23, 20, 22, 24, 21, 19, 23, 22, 20, 24, 23, 21, 22]


def run(y, alpha, beta, phi, l0, b0, trend):
    level, slope, sse = l0, (b0 if trend else 0.0), 0.0
    for obs in y:
        damped = phi * slope
        err = obs - (level + damped)
        sse += err * err
        level = level + damped + alpha * err
        slope = damped + beta * err if trend else 0.0
    return sse, level, slope


def best_initial_states(y, alpha, beta, phi, trend):
    """Least squares over (l0[, b0]): predictions are affine in them."""
    base = run_predictions(y, alpha, beta, phi, 0.0, 0.0, trend)
    cols = [run_predictions(y, alpha, beta, phi, 1.0, 0.0, trend) - base]
    if trend:
        cols.append(run_predictions(y, alpha, beta, phi, 0.0, 1.0, trend) - base)
    a = np.column_stack(cols)
    sol, *_ = np.linalg.lstsq(a, np.array(y) - base, rcond=None)
    return (sol[0], sol[1] if trend else 0.0)


def run_predictions(y, alpha, beta, phi, l0, b0, trend):
    level, slope, preds = l0, (b0 if trend else 0.0), []
    for obs in y:
        damped = phi * slope
        pred = level + damped
        preds.append(pred)
        err = obs - pred
        level = level + damped + alpha * err
        slope = damped + beta * err if trend else 0.0
    return np.array(preds)


def fit(y, kind):
    trend = kind != "simple"
    phis = [1.0] if kind != "damped" else np.arange(0.80, 0.9801, 0.01)
    betas = [0.0] if not trend else np.arange(0.01, 1.0, 0.02)  # beta = alpha * beta_star
    best = None
    for alpha, bstar, phi in itertools.product(np.arange(0.01, 1.0, 0.01), betas, phis):
        beta = alpha * bstar
        l0, b0 = best_initial_states(y, alpha, beta, phi, trend)
        sse = run(y, alpha, beta, phi, l0, b0, trend)[0]
        if best is None or sse < best[0]:
            best = (sse, alpha, bstar, phi)
    # local refinement around the grid optimum
    sse, alpha, bstar, phi = best
    step = 0.01
    while step > 1e-6:
        improved = False
        for da, db, dp in itertools.product((-step, 0, step), repeat=3):
            a, b, p = alpha + da, bstar + (db if trend else 0), phi + (dp if kind == "damped" else 0)
            if not (1e-4 <= a <= 0.9999 and (not trend or 1e-4 <= b <= 0.9999) and (kind != "damped" or 0.8 <= p <= 0.98)):
                continue
            l0, b0 = best_initial_states(y, a, a * b if trend else 0.0, p, trend)
            s = run(y, a, a * b if trend else 0.0, p, l0, b0, trend)[0]
            if s < sse - 1e-12:
                sse, alpha, bstar, phi, improved = s, a, b, p, True
        if not improved:
            step /= 2
    l0, b0 = best_initial_states(y, alpha, alpha * bstar if trend else 0.0, phi, trend)
    n = len(y)
    k = {"simple": 2, "holt": 4, "damped": 5}[kind] + 1
    loglik = -0.5 * n * (math.log(2 * math.pi * sse / n) + 1)
    aicc = -2 * loglik + 2 * k + 2 * k * (k + 1) / (n - k - 1)
    return dict(kind=kind, sse=sse, alpha=alpha, beta=alpha * bstar if trend else 0.0, phi=phi, l0=l0, b0=b0, aicc=aicc)


if __name__ == "__main__":
    # fixed parameters: the state equations themselves
    print("fixed holt:", run(SERIES, 0.3, 0.1, 1.0, 11.0, 1.5, True))
    print("fixed damped:", run(SERIES, 0.3, 0.1, 0.9, 11.0, 1.5, True))
    print("fixed simple:", run(LEVEL_ONLY, 0.2, 0.0, 1.0, 21.0, 0.0, False))
    for series_name, series in (("SERIES", SERIES), ("LEVEL_ONLY", LEVEL_ONLY)):
        for kind in ("simple", "holt", "damped"):
            print(series_name, fit(series, kind))


def theta(y, h):
    """Hyndman & Billah (2003) as R's forecast::thetaf computes it for non-seasonal data: the SES forecast plus
    half the OLS slope times ((h-1) + (1-(1-alpha)^n)/alpha)."""
    f = fit(y, "simple")
    alpha, n = f["alpha"], len(y)
    level = run(y, alpha, 0.0, 1.0, f["l0"], 0.0, False)[1]
    slope = np.polyfit(np.arange(n), np.array(y, dtype=float), 1)[0]
    return [level + slope / 2 * ((k - 1) + (1 - (1 - alpha) ** n) / alpha) for k in range(1, h + 1)]


if __name__ == "__main__":
    print("theta TRENDING h=1..3:", theta(SERIES, 3))
