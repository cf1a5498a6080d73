#!/usr/bin/env bash
# Forecasts every series of a long-format history CSV into a CSV of forecasts with quantiles, offline, with the
# forecasting service's models: deploy/forecast-csv.sh --input history.csv --output forecasts.csv [--horizon 28]
# [--model ensemble] [--quantiles 0.1,0.5,0.9,0.95,0.99] [--threads N]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=forecasting-service/target/forecasting-service.jar
if [[ ! -f $jar ]]; then
  ./mvnw -B -q -DskipTests -pl forecasting-service -am package >&2
fi
exec java -Dloader.main=io.stockflow.forecasting.batch.BatchForecast -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
