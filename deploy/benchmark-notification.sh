#!/usr/bin/env bash
# Notification benchmark (see docs/benchmarks.md): inventory alert events on Kafka through notification-service's
# rules to a webhook sink, side by side with a bare Kafka-consumer-to-HTTP forwarder, in one run.
#   deploy/benchmark-notification.sh [--alerts N] [--rate R] [--seconds S] [--rules K]   (--help: all options)
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/java-tools.sh
# The benchmark starts notification-service and the gateway from their executable jars: build them afresh.
help_requested "$@" || ./mvnw -B -q -DskipTests -pl deploy/tools,notification-service,gateway -am package
exec java -Xmx2g -cp "$(tools_classpath deploy/tools stockflow-tools)" io.stockflow.tools.NotificationBenchmark "$@"
