"""Independent reference for ProphetForecasterTest (numpy only; run: python3 prophet_reference.py).

The same model as ProphetForecaster, written from Taylor & Letham (2018) and Prophet's conventions, not from the
Java code: demand scaled by its maximum; time scaled to [0, 1] over the history; changepoints placed as Prophet's
np.linspace(0, hist_size - 1, S + 1).round()[1:] over the first 80%; Fourier terms of the days since 1970-01-01
(weekly order 3 from 14 days, yearly order 10 from 730 days); 0/1 regressors as is, others standardised (ddof 1).
Gaussian priors (k, m: 5; changepoint deltas: 0.05; seasonality and regressors: 10) make the MAP a ridge
regression, solved here as ordinary least squares on the augmented system [X; sqrt(sigma2) / tau] (numpy lstsq),
alternating with sigma2 = RSS / n until it settles.
"""
import numpy as np

PATTERN = [-6, -2, 0, 1, 3, 9, -5]


def design(start, n, horizon, regressors):
    days = n + horizon
    t = np.arange(days) / max(1, n - 1)
    cols, taus = [np.ones(days), t], [5.0, 5.0]
    long_enough = n >= 14
    if long_enough:
        hist_size = int(np.floor(n * 0.8))
        count = min(25, hist_size - 1)
        if count > 0:
            for cp in np.linspace(0, hist_size - 1, count + 1).round().astype(int)[1:]:
                cols.append(np.where(np.arange(days) >= cp, t - t[cp], 0.0))
                taus.append(0.05)
    epoch = (np.datetime64(start, "D") - np.datetime64("1970-01-01", "D")).astype(int) + np.arange(days)
    seasonalities = ([(7.0, 3)] if long_enough else []) + ([(365.25, 10)] if n >= 730 else [])
    for period, order in seasonalities:
        for k in range(1, order + 1):
            cols += [np.sin(2 * np.pi * k * epoch / period), np.cos(2 * np.pi * k * epoch / period)]
            taus += [10.0, 10.0]
    units = {}
    if long_enough:
        for name in sorted(regressors):
            values = np.asarray(regressors[name], dtype=float)
            if len(values) < days:
                continue
            values, history = values[:days], values[:n]
            if history.min() == history.max():
                continue
            binary = set(np.unique(history)) <= {0.0, 1.0}
            mu, sd = (0.0, 1.0) if binary else (history.mean(), history.std(ddof=1))
            cols.append((values - mu) / sd)
            taus.append(10.0)
            units[name] = sd
    return np.column_stack(cols), np.array(taus), units


def fit(start, demand, horizon, regressors=None):
    y_raw = np.asarray(demand, dtype=float)
    n = len(y_raw)
    scale = y_raw.max()
    x, taus, units = design(start, n, horizon, regressors or {})
    y = y_raw / scale
    xh = x[:n]
    sigma2 = max(1e-10, y.var())
    for _ in range(100):
        augmented = np.vstack([xh, np.diag(np.sqrt(sigma2) / taus)])
        target = np.concatenate([y, np.zeros(len(taus))])
        beta = np.linalg.lstsq(augmented, target, rcond=None)[0]
        nxt = max(1e-10, float(np.sum((y - xh @ beta) ** 2)) / n)
        settled = abs(nxt - sigma2) <= 1e-12 * sigma2
        sigma2 = nxt
        if settled:
            break
    mean = np.maximum(0, x[n:] @ beta * scale)
    span = max(1, n - 1)
    reg = {name: beta[len(taus) - len(units) + i] * scale / sd for i, (name, sd) in enumerate(units.items())}
    return dict(beta=beta, mean=mean, sigma=np.sqrt(sigma2) * scale, rate=beta[1] * scale / span, regressors=reg)


def series_a():
    """120 days from 2024-03-01: slope 0.1 then 0.4 from day 70, weekly pattern, promotion +12, price -1.5/unit."""
    days = 134
    promo = [1.0 if t % 17 in (3, 4, 5) else 0.0 for t in range(days)]
    price = [10 + ((t * 5) % 13) * 0.4 for t in range(days)]
    y = [max(0.0, 40 + 0.1 * t + 0.3 * max(0, t - 70) + PATTERN[t % 7] + 12 * promo[t] - 1.5 * (price[t] - 10)
             + ((t * 37) % 11 - 5) * 0.8) for t in range(120)]
    return y, {"price": price, "promotion": promo}


def series_b():
    """800 days from 2022-01-01 with a yearly wave: the yearly terms are fitted."""
    epoch0 = (np.datetime64("2022-01-01", "D") - np.datetime64("1970-01-01", "D")).astype(int)
    return [30 + 0.01 * t + 10 * np.sin(2 * np.pi * (epoch0 + t) / 365.25) + PATTERN[t % 7]
            + ((t * 37) % 11 - 5) * 0.8 for t in range(800)]


def show(label, result, coefficients):
    print(label, "mean:", ", ".join(repr(float(v)) for v in result["mean"]))
    print(label, "beta[:%d]:" % coefficients, ", ".join(repr(float(v)) for v in result["beta"][:coefficients]))
    print(label, "beta[-3:]:", ", ".join(repr(float(v)) for v in result["beta"][-3:]), "sigma:", repr(float(result["sigma"])))


if __name__ == "__main__":
    y, regs = series_a()
    a = fit("2024-03-01", y, 14, regs)
    show("A", a, 4)
    print("A regressors:", a["regressors"])
    show("B", fit("2022-01-01", series_b(), 30), 4)
    show("C", fit("2024-01-01", [5, 7, 6, 8, 7, 9, 8, 10, 9, 11], 3), 2)
