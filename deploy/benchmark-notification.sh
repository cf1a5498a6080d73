#!/usr/bin/env bash
# Notification benchmark (see docs/benchmarks.md): inventory alert events on Kafka through notification-service's
# rules to a webhook sink, side by side with a bare Kafka-consumer-to-HTTP forwarder, in one run.
#   deploy/benchmark-notification.sh [--alerts N] [--rate R] [--seconds S] [--rules K]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests install
exec java -Xmx2g -cp "deploy/tools/target/stockflow-tools.jar:$(cat deploy/tools/target/classpath.txt)" \
  io.stockflow.tools.NotificationBenchmark "$@"
