#!/usr/bin/env bash
# Runs Stockflow locally on embedded defaults: builds, starts a real Kafka broker (KRaft) from the Kafka jars,
# uses the local PostgreSQL/Redis or starts embedded ones, starts every service, then streams a synthetic POS
# history through ingestion and prints what happened. Ctrl-C stops everything.
#   deploy/run-local.sh [--exit-after-demo] [--no-demo] [--stores N] [--skus N] [--days N]   (--help: all options)
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/java-tools.sh
# Every service runs from its executable jar (<module>/target/<module>-exec.jar): build them all afresh.
help_requested "$@" || ./mvnw -B -q -DskipTests package
exec java -cp "$(tools_classpath deploy/tools stockflow-tools)" io.stockflow.tools.LocalPlatform "$@"
