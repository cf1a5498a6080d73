#!/usr/bin/env bash
# Forecasts every series of a long-format history CSV into a CSV of forecasts with quantiles, offline, with the
# forecasting service's models: deploy/forecast-csv.sh --input history.csv --output forecasts.csv [--horizon 28]
# [--model ensemble] [--quantiles 0.1,0.5,0.9,0.95,0.99] [--threads N] [--learned true]
# (gbm / lstm, or --learned true with the ensemble, train the learned models on the input panel itself)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=forecasting-service/target/forecasting-service.jar
if [[ ! -f $jar ]]; then
  ./mvnw -B -q -DskipTests -pl forecasting-service -am package >&2
fi
# ND4J (the LSTM) with one OpenMP thread; native libraries allowed explicitly on JDK 24 and later.
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
native_access=()
java_version=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if ((${java_version%%.*} >= 24)); then
  native_access=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
exec java "${native_access[@]}" -Dloader.main=io.stockflow.forecasting.batch.BatchForecast -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
