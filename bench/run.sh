#!/usr/bin/env bash
# FibroPlan storage benchmark: start-to-ready time, RSS, and POST throughput/latency of valid pain-score
# Observations with concurrent clients, on H2 and PostgreSQL, with and without profile validation.
# Usage: bench/run.sh [requests=2000] [clients=8]      Results: bench/results/<UTC time>.md
# BENCH_JAVA_OPTS (e.g. -Xmx1g) is passed to the server JVM; BENCH_DBS / BENCH_VALIDATION narrow the matrix.
# Needs: a JDK, Maven, curl, python3, psql, and PostgreSQL at $BENCH_PG_HOST:5432 (default 127.0.0.1, user $BENCH_PG_USER=postgres, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-2000}
CLIENTS=${2:-8}
WARMUP=${WARMUP:-300}
PORT=${BENCH_PORT:-18080}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_USER=${BENCH_PG_USER:-postgres}
JAR=target/fibroplan-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests
mkdir -p bench/results
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ).md
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

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
  local db=$1 validation=$2 args=()
  if [ "$db" = postgres ]; then
    local name="fibroplan_bench_$$_$RANDOM"
    psql -q -h "$PG_HOST" -U "$PG_USER" -d test -c "CREATE DATABASE $name" >/dev/null
    args+=(--spring.profiles.active=postgres "--spring.datasource.url=jdbc:postgresql://$PG_HOST:5432/$name" "--spring.datasource.username=$PG_USER")
  else
    args+=("--spring.datasource.url=jdbc:h2:file:$WORK/h2-$validation/fibroplan")
  fi
  local t0; t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --fibroplan.fhir.profile-validation="$validation" "${args[@]}" > "$WORK/app-$db-$validation.log" 2>&1 &
  PID=$!
  until curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 $PID 2>/dev/null || { echo "server died, see log:"; tail -20 "$WORK/app-$db-$validation.log"; exit 1; }
    sleep 0.2
  done
  local ready; ready=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{print a-b}')
  local rss_ready=$(( $(ps -o rss= -p $PID) / 1024 ))
  local token patient
  # the system client's token lasts 5 minutes: ample for one load run
  token=$(curl -sf -u demo-system:demo-secret -d grant_type=client_credentials -d 'scope=system/*.cruds' "localhost:$PORT/oauth2/token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
  patient=$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/fhir+json' "localhost:$PORT/fhir/Patient" -d '{"resourceType":"Patient","name":[{"family":"Bench"}]}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  local result
  result=$(java bench/PainScoreLoad.java "http://localhost:$PORT/fhir" "$patient" "$CLIENTS" "$REQUESTS" "$WARMUP" "$token")
  local rss_load=$(( $(ps -o rss= -p $PID) / 1024 ))
  local validation_ms
  validation_ms=$(curl -sf -u "${BENCH_ACTUATOR_USER:-clinician}:${BENCH_ACTUATOR_PASSWORD:-clinician}" "localhost:$PORT/actuator/metrics/fibroplan.fhir.profile.validation" | python3 -c '
import sys, json
m = {s["statistic"]: s["value"] for s in json.load(sys.stdin)["measurements"]}
print("%.1f" % (1000 * m["TOTAL_TIME"] / m["COUNT"]) if m.get("COUNT") else "-")' || echo "-")
  kill $PID; wait $PID 2>/dev/null || true
  [ "$db" = postgres ] && psql -q -h "$PG_HOST" -U "$PG_USER" -d test -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
  get() { echo "$result" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k{print $2}'; }
  printf '| %s | %s | %.1f | %d | %d | %s | %s | %s | %s | %s |\n' "$db" "$validation" "$ready" "$rss_ready" "$rss_load" \
    "$(get throughput)" "$(get p50_ms)" "$(get p95_ms)" "$(get p99_ms)" "$validation_ms" | tee -a "$OUT"
}

for db in ${BENCH_DBS:-h2 postgres}; do
  for validation in ${BENCH_VALIDATION:-true false}; do
    run_one "$db" "$validation"
  done
done
echo "Written to $OUT"
