# Reference values for ArimaForecasterTest and DifferencingTest (model/arima), from R's forecast package
# (Hyndman & Khandakar 2008).
# Run from forecasting-service/:  Rscript src/test/reference/arima_reference.R
# arima_daily_demand.csv holds ArimaReferenceSeries.simulatedDailyDemand(seed, 730) for seeds 1..10, one column each.
suppressPackageStartupMessages({
  library(forecast)
  library(urca)
  library(tseries)
})
cat(R.version.string, "| forecast", format(packageVersion("forecast")), "| urca", format(packageVersion("urca")),
    "| tseries", format(packageVersion("tseries")), "\n\n")
digits <- function(x) paste(format(as.numeric(x), digits = 15), collapse = ", ")

daily <- read.csv("src/test/reference/arima_daily_demand.csv")
weekly <- function(seed) ts(daily[[seed]], frequency = 7)

cat("== 1. Fixed orders, conditional sum of squares (method = \"CSS\")\n")
show <- function(label, fit, h) {
  cat(label, "\n  coef:", paste(names(coef(fit)), collapse = " "), "=", digits(coef(fit)),
      "\n  sigma2:", digits(fit$sigma2), "\n  forecast:", digits(forecast(fit, h = h)$mean), "\n")
}
show("lh ARIMA(1,0,0) with mean", Arima(lh, order = c(1, 0, 0), method = "CSS"), 4)
show("lh ARIMA(1,0,1) with mean", Arima(lh, order = c(1, 0, 1), method = "CSS"), 4)
show("WWWusage ARIMA(1,1,1)", Arima(WWWusage, order = c(1, 1, 1), method = "CSS"), 5)
show("WWWusage ARIMA(3,1,0)", Arima(WWWusage, order = c(3, 1, 0), method = "CSS"), 5)
show("seed1 ARIMA(1,0,1)(0,1,1)[7] with drift",
     Arima(weekly(1), order = c(1, 0, 1), seasonal = c(0, 1, 1), include.drift = TRUE, method = "CSS"), 14)
show("seed2 ARIMA(1,1,1)(1,0,1)[7]",
     Arima(weekly(2), order = c(1, 1, 1), seasonal = c(1, 0, 1), method = "CSS"), 14)

cat("\n== 2. auto.arima(stepwise = TRUE): exact ML (approximation = FALSE) and CSS (approximation = TRUE)\n")
auto <- function(label, y) {
  exact <- auto.arima(y, stepwise = TRUE, approximation = FALSE)
  css <- auto.arima(y, stepwise = TRUE, approximation = TRUE)
  cat(label, "| exact:", arimaorder(exact), as.character(exact), "| CSS:", arimaorder(css), as.character(css), "\n")
}
auto("WWWusage", WWWusage)
auto("lh", lh)
for (seed in 1:4) auto(paste0("seed", seed), weekly(seed))
# The CSS stage: its best model before the exact-ML refit, to compare with the CSS-only selection in Java.
for (seed in 1:4) {
  cat("seed", seed, "CSS stage trace:\n")
  invisible(auto.arima(weekly(seed), stepwise = TRUE, approximation = TRUE, trace = TRUE))
}

cat("\n== 3. Differencing tests\n")
kpss <- function(label, y) {
  cat(label, "| ur.kpss(mu, short):", digits(ur.kpss(y, type = "mu", lags = "short")@teststat),
      "lag", trunc(4 * (length(y) / 100)^0.25),
      "| tseries::kpss.test(lshort):", digits(suppressWarnings(kpss.test(y, null = "Level"))$statistic),
      "| ur.kpss(mu, ndiffs' lag", trunc(3 * sqrt(length(y)) / 13), "):",
      digits(ur.kpss(y, type = "mu", use.lag = trunc(3 * sqrt(length(y)) / 13))@teststat),
      "| ndiffs:", ndiffs(y), "\n")
}
kpss("lh", lh)
kpss("WWWusage", WWWusage)
kpss("diff(WWWusage)", diff(WWWusage))
for (seed in 1:2) kpss(paste0("seed", seed), daily[[seed]])
for (seed in 1:4) cat(paste0("seed", seed), "| seasonal strength (mstl):", digits(forecast:::seas.heuristic(weekly(seed))),
                      "| nsdiffs:", nsdiffs(weekly(seed)), "\n")

cat("\n== 4. Time per 730-day series, auto.arima(ts(y, frequency = 7)) with its defaults\n")
elapsed <- system.time(for (seed in 1:10) auto.arima(weekly(seed)))["elapsed"]
cat("10 series:", elapsed, "s, per series:", elapsed / 10, "s\n")
