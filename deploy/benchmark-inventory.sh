#!/usr/bin/env bash
# Inventory benchmarks from the built service jar (results in docs/benchmarks.md):
#   deploy/benchmark-inventory.sh optimize --items 100000 --seed 42 --budget-share 0.7 [--min-service-level 0.9]
#     [--repeats 3] [--quantile-share 0.2]   (share of items with forecast-quantile lead-time demand)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=inventory-service/target/inventory-service.jar
if [[ ! -f $jar ]]; then
  ./mvnw -B -q -DskipTests -pl common-lib/core,inventory-service -am package >&2
fi
command=${1:-}
shift || true
case "$command" in
  optimize) main=io.stockflow.inventory.optimize.OptimizationBenchmark ;;
  *)
    echo "usage: $0 optimize [--items N] [--seed S] [--budget-share F] [--min-service-level B] [--repeats R]" >&2
    exit 2
    ;;
esac
exec java ${BENCHMARK_JAVA_OPTS:--Xmx4g} -Dloader.main="$main" -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
