#!/usr/bin/env bash
# Gateway benchmark (see docs/benchmarks.md): the same POS requests straight to ingestion and through the
# gateway, latency at a fixed rate and throughput, in one run.
#   deploy/benchmark-gateway.sh [--rates R1,R2] [--seconds S] [--concurrency C]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests install
exec java -Xmx2g -cp "deploy/tools/target/stockflow-tools.jar:$(cat deploy/tools/target/classpath.txt)" \
  io.stockflow.tools.GatewayBenchmark "$@"
