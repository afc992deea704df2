#!/usr/bin/env bash
# EHR delivery benchmark: FibroPlan (from its jar, H2) delivering approved plans to the EHR sandbox (a
# second HAPI JPA server, run in the benchmark's JVM). Phase 1 approves STEADY plans with the EHR up;
# phase 2 approves BACKLOG plans with the EHR down, brings it up and times the drain. The EHR's own
# counts show 0 lost and 0 duplicated. Usage: bench/delivery.sh [steady=200] [backlog=1000] [clients=4]
# Results: bench/results/delivery-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
STEADY=${1:-200}; BACKLOG=${2:-1000}; CLIENTS=${3:-4}
JAR=target/fibroplan-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] && [ -d target/test-classes ] || mvn -B -q package -DskipTests
[ -f target/bench-classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
mkdir -p bench/results
OUT=bench/results/delivery-$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "# Delivery benchmark $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; commit $(git rev-parse --short HEAD); H2; $CLIENTS approving clients."
  echo
  echo '```'
  java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.fibroplan.ehr.DeliveryBenchmark \
    "$JAR" "$STEADY" "$BACKLOG" "$CLIENTS" 2>/dev/null | grep -E '^(steady|backlog|ehr):'
  echo '```'
} | tee "$OUT"
