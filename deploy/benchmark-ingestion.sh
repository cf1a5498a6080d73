#!/usr/bin/env bash
# Ingestion benchmark (see docs/benchmarks.md): raw Kafka vs HTTP batch ingestion vs single-POST latency, in one
# run against one real Kafka broker process.
#   deploy/benchmark-ingestion.sh [--rows N] [--uploads N] [--rate R] [--seconds S]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests install
exec java -Xmx2g -cp "deploy/tools/target/stockflow-tools.jar:$(cat deploy/tools/target/classpath.txt)" \
  io.stockflow.tools.IngestionBenchmark "$@"
