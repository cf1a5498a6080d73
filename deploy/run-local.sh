#!/usr/bin/env bash
# Runs Stockflow locally on embedded defaults: builds, starts a real Kafka broker (KRaft) from the Kafka jars,
# uses the local PostgreSQL/Redis or starts embedded ones, starts every service, then streams a synthetic POS
# history through ingestion and prints what happened. Ctrl-C stops everything.
#   deploy/run-local.sh [--exit-after-demo] [--no-demo] [--stores N] [--skus N] [--days N]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests install
exec java -cp "deploy/tools/target/stockflow-tools.jar:$(cat deploy/tools/target/classpath.txt)" \
  io.stockflow.tools.LocalPlatform "$@"
