#!/usr/bin/env bash
# FibroPlan storage benchmark: start-to-ready time, RSS, and POST throughput/latency of valid pain-score
# Observations with concurrent clients, on H2 and PostgreSQL, with and without profile validation.
# Usage: bench/run.sh [requests=2000] [clients=8]      Results: bench/results/<UTC time>.md
# BENCH_JAVA_OPTS (e.g. -Xmx1g) is passed to the server JVM; BENCH_DBS / BENCH_VALIDATION narrow the matrix.
# Needs: a JDK, Maven, curl, python3, psql, and PostgreSQL at $BENCH_PG_HOST:5432 (default 127.0.0.1, user $BENCH_PG_USER=postgres, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh "$@"
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ).md

{
  echo "# Benchmark $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD)"
  echo "Load: $CLIENTS concurrent clients, $REQUESTS POSTs of valid pain-score Observations after $WARMUP warm-up POSTs. Server JVM options: ${BENCH_JAVA_OPTS:-(none)}."
  echo
  echo "| database | profile validation | start to ready (s) | RSS ready (MB) | RSS after load (MB) | POST/s | p50 (ms) | p95 (ms) | p99 (ms) | validation per resource, mean (ms) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} > "$OUT"

run_one() { # db validation
  local db=$1 validation=$2
  start_server "$db" "$validation" --fibroplan.fhir.profile-validation="$validation"
  local rss_ready; rss_ready=$(rss_mb)
  local result; result=$(load pain-score "$CLIENTS" "$REQUESTS" "$WARMUP")
  local rss_load; rss_load=$(rss_mb)
  local validation_ms
  validation_ms=$(curl -sf -u "${BENCH_ACTUATOR_USER:-operator}:${BENCH_ACTUATOR_PASSWORD:-operator}" "localhost:$PORT/actuator/metrics/fibroplan.fhir.profile.validation?tag=against:profile" | python3 -c '
import sys, json
m = {s["statistic"]: s["value"] for s in json.load(sys.stdin)["measurements"]}
print("%.1f" % (1000 * m["TOTAL_TIME"] / m["COUNT"]) if m.get("COUNT") else "-")' || echo "-")
  stop_server
  printf '| %s | %s | %.1f | %d | %d | %s | %s | %s | %s | %s |\n' "$db" "$validation" "$READY_SECONDS" "$rss_ready" "$rss_load" \
    "$(field "$result" throughput)" "$(field "$result" p50_ms)" "$(field "$result" p95_ms)" "$(field "$result" p99_ms)" "$validation_ms" | tee -a "$OUT"
}

for db in ${BENCH_DBS:-h2 postgres}; do
  for validation in ${BENCH_VALIDATION:-true false}; do
    run_one "$db" "$validation"
  done
done
echo "Written to $OUT"
