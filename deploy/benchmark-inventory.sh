#!/usr/bin/env bash
# Inventory benchmarks from the built service jar (results in docs/benchmarks.md):
#   deploy/benchmark-inventory.sh optimize --items 100000 --seed 42 --budget-share 0.7 [--min-service-level 0.9]
#     [--repeats 3] [--quantile-share 0.2]   (share of items with forecast-quantile lead-time demand)
#   deploy/benchmark-inventory.sh simulate --items 50 --days 180 --replications 100 --seed 42 --fill-rate 0.98
#     [--item-floor 0.9] [--warm-up 90] [--episodes 300]
#     every replenishment policy side by side on one fixed item set, in the what-if simulator
set -euo pipefail
cd "$(dirname "$0")/.."
jar=inventory-service/target/inventory-service.jar
if [[ ! -f $jar ]]; then
  ./mvnw -B -q -DskipTests -pl common-lib/core,inventory-service -am package >&2
fi
command=${1:-}
shift || true
case "$command" in
  optimize) main=io.stockflow.inventory.optimize.OptimizationBenchmark; heap=-Xmx4g ;;
  simulate) main=io.stockflow.inventory.simulation.SimulationBenchmark; heap=-Xmx2g ;;
  *)
    echo "usage: $0 optimize [--items N] [--seed S] [--budget-share F] [--min-service-level B] [--repeats R]" >&2
    echo "       $0 simulate [--items N --days N --replications N --seed N --fill-rate F ...]" >&2
    exit 2
    ;;
esac
exec java ${BENCHMARK_JAVA_OPTS:-$heap} -Dloader.main="$main" -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
