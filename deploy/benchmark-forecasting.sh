#!/usr/bin/env bash
# Forecasting benchmarks on a synthetic panel (results in docs/benchmarks.md):
#   deploy/benchmark-forecasting.sh accuracy --stores 10 --skus 100 --days 730 --test-days 28 [--with-arima true]
#     [--learned gbm,lstm|gbm|lstm|none] [--lstm-epochs N]   (learned models side by side with the ensembles)
#   deploy/benchmark-forecasting.sh speed --stores 20 --skus 500 --days 730 --threads 2
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
exec java "${native_access[@]}" ${BENCHMARK_JAVA_OPTS:--Xmx4g} -Dloader.main=io.stockflow.forecasting.batch.ForecastBenchmark -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
