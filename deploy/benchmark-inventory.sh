#!/usr/bin/env bash
# Inventory benchmarks on inventory-service's optimiser and simulator (results in docs/benchmarks.md):
#   deploy/benchmark-inventory.sh optimize --items 100000 --seed 42 --budget-share 0.7 [--min-service-level 0.9]
#     [--repeats 3] [--quantile-share 0.2]   (share of items with forecast-quantile lead-time demand)
#   deploy/benchmark-inventory.sh simulate --items 50 --days 180 --replications 100 --seed 42 --fill-rate 0.98
#     [--item-floor 0.9] [--warm-up 90] [--episodes 300]
#     every replenishment policy side by side on one fixed item set, in the what-if simulator
# deploy/benchmark-inventory.sh --help, or optimize --help / simulate --help, lists the options and their defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/java-tools.sh
classpath=$(tools_classpath deploy/inventory-tools inventory-tools)
case ${1:-} in
  simulate) heap=-Xmx2g ;;
  *) heap=-Xmx4g ;;
esac
exec java ${BENCHMARK_JAVA_OPTS:-$heap} -cp "$classpath" io.stockflow.inventory.tools.InventoryBenchmark "$@"
