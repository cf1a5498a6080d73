#!/usr/bin/env bash
# Forecasting benchmarks on a synthetic panel (results in docs/benchmarks.md):
#   deploy/benchmark-forecasting.sh accuracy --stores 10 --skus 100 --days 730 --test-days 28 [--with-arima true]
#     [--learned gbm,lstm|gbm|lstm|none] [--lstm-epochs N]   (learned models side by side with the ensembles)
#   deploy/benchmark-forecasting.sh speed --stores 20 --skus 500 --days 730 --threads 2
# deploy/benchmark-forecasting.sh --help, or accuracy --help / speed --help, lists the options and their defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/forecasting-java.sh
exec java "${native_access[@]}" ${BENCHMARK_JAVA_OPTS:--Xmx4g} -cp "$classpath" \
  io.stockflow.forecasting.tools.ForecastBenchmark "$@"
