#!/usr/bin/env bash
# Forecasts every series of a long-format history CSV into a CSV of forecasts with quantiles, offline, with the
# forecasting service's models: deploy/forecast-csv.sh --input history.csv --output forecasts.csv [--horizon 28]
# [--model ensemble] [--quantiles 0.1,0.5,0.9,0.95,0.99] [--threads N] [--learned true]
# (gbm / lstm, or --learned true with the ensemble, train the learned models on the input panel itself).
# deploy/forecast-csv.sh --help lists every option and its default.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/forecasting-java.sh
exec java "${native_access[@]}" -cp "$classpath" io.stockflow.forecasting.tools.BatchForecast "$@"
