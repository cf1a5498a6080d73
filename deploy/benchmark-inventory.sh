#!/usr/bin/env bash
# Inventory benchmarks (results in docs/benchmarks.md):
#   deploy/benchmark-inventory.sh simulate --items 50 --days 180 --replications 100 --seed 42 --fill-rate 0.98
#     [--item-floor 0.9] [--warm-up 90] [--episodes 300]
#     every replenishment policy side by side on one fixed item set, in the what-if simulator
set -euo pipefail
cd "$(dirname "$0")/.."
jar=inventory-service/target/inventory-service.jar
if [[ ! -f $jar ]]; then
  ./mvnw -B -q -DskipTests -pl inventory-service -am package >&2
fi
command=${1:-}
shift || true
case $command in
  simulate)
    exec java ${BENCHMARK_JAVA_OPTS:--Xmx2g} -Dloader.main=io.stockflow.inventory.simulation.SimulationBenchmark \
      -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher "$@"
    ;;
  *)
    echo "usage: $0 simulate [--items N --days N --replications N --seed N --fill-rate F ...]" >&2
    exit 2
    ;;
esac
