#!/usr/bin/env bash
# In-process plan build benchmark (JMH, SampleTime): assessment + rules + CarePlan with narrative for one
# patient with 12 weeks of answers (PlanBuildBenchmark). Target: median <= 0.2 ms.
# Usage: bench/plan-build.sh [extra JMH arguments]      Results: bench/results/plan-build-<UTC time>.txt
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
CP=$(mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
mkdir -p bench/results
OUT=bench/results/plan-build-$(date -u +%Y%m%dT%H%M%SZ).txt
java -cp "target/test-classes:target/classes:$CP" org.openjdk.jmh.Main PlanBuildBenchmark \
  -f 3 -wi 5 -w 2s -i 5 -r 3s -rf text -rff "$OUT" "$@"
echo "Written to $OUT"
