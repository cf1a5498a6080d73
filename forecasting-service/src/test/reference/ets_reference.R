# R reference for EtsForecasterTest (run: Rscript ets_reference.R; needs the forecast package).
#
# R's ets() initialises and optimises differently from the Java side (a heuristic initial state, then
# Nelder-Mead over smoothing parameters and initial states together), so the tests use its output in two ways:
# R's fitted parameters and initial states (fit$par, fit$initstate) are run through the Java recursions, which
# must give R's SSE and point forecasts; and the Java maximum-likelihood fit must reach an SSE no worse than R's.
# restrict = FALSE allows ETS(A,*,M); opt.crit = "mse" makes R minimise the SSE, as the Java fits do.
suppressPackageStartupMessages(library(forecast))
options(digits = 17)
cat("#", R.version.string, "/ forecast", as.character(packageVersion("forecast")), "\n")

TRENDING <- c(12, 15, 14, 18, 17, 21, 19, 24, 23, 25, 28, 27, 30, 29, 33, 35, 34, 37, 36, 40,
              41, 39, 44, 43, 46, 48, 47, 50, 52, 51)
PATTERN <- c(-6, -2, 0, 1, 3, 9, -5)
WEEKLY <- sapply(0:55, function(t) round(50 + 0.3 * t + PATTERN[t %% 7 + 1] + ((t * 37) %% 11 - 5) * 0.8, 2))
# Twelve weeks of daily demand, level 40 rising 0.15/day, a multiplicative weekly profile, deterministic noise.
PROFILE <- c(0.8, 0.9, 1.0, 1.0, 1.1, 1.4, 0.8)
DAILY <- sapply(0:83, function(t) round((40 + 0.15 * t) * PROFILE[t %% 7 + 1] + ((t * 37) %% 11 - 5) * 0.6, 2))

report <- function(name, y, model, damped = FALSE) {
  fit <- ets(y, model = model, damped = damped, restrict = FALSE, opt.crit = "mse")
  cat("\n##", name, fit$method, "\n")
  cat("par:", paste(names(fit$par), format(fit$par, digits = 17), sep = "=", collapse = " "), "\n")
  cat("initstate:", paste(names(fit$initstate), format(fit$initstate, digits = 17), sep = "=", collapse = " "), "\n")
  cat("sse:", format(sum(residuals(fit)^2), digits = 17), "\n")
  cat("forecast:", paste(format(forecast(fit, h = frequency(y) + 1)$mean, digits = 17), collapse = ", "), "\n")
}

cat("DAILY:", paste(DAILY, collapse = ", "), "\n")
report("TRENDING", ts(TRENDING), "ANN")
report("TRENDING", ts(TRENDING), "AAN")
report("TRENDING", ts(TRENDING), "AAN", damped = TRUE)
report("Nile", Nile, "ANN")
report("WWWusage", WWWusage, "AAN", damped = TRUE)
report("WEEKLY", ts(WEEKLY, frequency = 7), "ANA")
report("WEEKLY", ts(WEEKLY, frequency = 7), "AAA")
report("DAILY", ts(DAILY, frequency = 7), "ANA")
report("DAILY", ts(DAILY, frequency = 7), "AAA")
report("DAILY", ts(DAILY, frequency = 7), "ANM")
report("DAILY", ts(DAILY, frequency = 7), "AAM")
report("AirPassengers", AirPassengers, "AAM")
