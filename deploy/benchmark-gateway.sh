#!/usr/bin/env bash
# Gateway benchmark (see docs/benchmarks.md): the same POS requests straight to ingestion and through the
# gateway, latency at a fixed rate and throughput, in one run.
#   deploy/benchmark-gateway.sh [--rates R1,R2] [--seconds S] [--concurrency C]   (--help: all options)
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/java-tools.sh
# The benchmark starts ingestion-service and the gateway from their executable jars: build them afresh.
help_requested "$@" || ./mvnw -B -q -DskipTests -pl deploy/tools,ingestion-service,gateway -am package
exec java -Xmx2g -cp "$(tools_classpath deploy/tools stockflow-tools)" io.stockflow.tools.GatewayBenchmark "$@"
