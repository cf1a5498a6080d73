#!/usr/bin/env bash
# Ingestion benchmark (see docs/benchmarks.md): raw Kafka vs HTTP batch ingestion vs single-POST latency, in one
# run against one real Kafka broker process.
#   deploy/benchmark-ingestion.sh [--rows N] [--uploads N] [--rate R] [--seconds S]   (--help: all options)
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/java-tools.sh
# The benchmark starts ingestion-service and the gateway from their executable jars: build them afresh.
help_requested "$@" || ./mvnw -B -q -DskipTests -pl deploy/tools,ingestion-service,gateway -am package
exec java -Xmx2g -cp "$(tools_classpath deploy/tools stockflow-tools)" io.stockflow.tools.IngestionBenchmark "$@"
