#!/usr/bin/env bash
# Scale-out benchmark: completed PEG QuestionnaireResponses (the whole pipeline) from the same client, first
# to one FibroPlan, then round robin over two FibroPlans on the same PostgreSQL database, with the same
# signing key and issuer (the address clients use), as behind a load balancer.
# Usage: bench/two-instances.sh [requests=2000] [clients=8]      Results: bench/results/two-instances-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh "$@"
OUT=bench/results/two-instances-$(date -u +%Y%m%dT%H%M%SZ).md
PORT2=${BENCH_PORT2:-18081}
SHARED=(--fibroplan.security.signing-key=file:docs/demo-keys/demo-signing-key.pem "--fibroplan.security.issuer=http://localhost:$PORT")
PID2=""
trap 'kill $PID $PID2 2>/dev/null || true; rm -rf "$WORK"' EXIT

{
  echo "# Two instances on one PostgreSQL $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, shared with the database and the client; commit $(git rev-parse --short HEAD); $CLIENTS clients, $REQUESTS completed PEG QuestionnaireResponses after $WARMUP warm-up, over ${BENCH_PATIENTS:-200} patients."
  echo
  echo "| instances | QR/s | p50 (ms) | p95 (ms) | p99 (ms) |"
  echo "|---|---|---|---|---|"
} > "$OUT"

start_server postgres one "${SHARED[@]}"
one=$(load peg "$CLIENTS" "$REQUESTS" "$WARMUP")
printf '| 1 | %s | %s | %s | %s |\n' "$(field "$one" throughput)" "$(field "$one" p50_ms)" "$(field "$one" p95_ms)" "$(field "$one" p99_ms)" | tee -a "$OUT"

# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT2" --fibroplan.demo.enabled=false --spring.profiles.active=postgres \
  "--spring.datasource.url=jdbc:postgresql://$PG_HOST:5432/$DB_NAME" "--spring.datasource.username=$PG_USER" "${SHARED[@]}" \
  > "$WORK/app-second.log" 2>&1 &
PID2=$!
until curl -sf "localhost:$PORT2/actuator/health/readiness" >/dev/null; do
  kill -0 $PID2 2>/dev/null || { echo "second server died, see log:"; tail -20 "$WORK/app-second.log"; exit 1; }
  sleep 0.2
done
fresh_token
two=$(java bench/FhirLoad.java "http://localhost:$PORT/fhir,http://localhost:$PORT2/fhir" peg "$PATIENT" "$CLIENTS" "$REQUESTS" "$WARMUP" "$TOKEN")
printf '| 2 | %s | %s | %s | %s |\n' "$(field "$two" throughput)" "$(field "$two" p50_ms)" "$(field "$two" p95_ms)" "$(field "$two" p99_ms)" | tee -a "$OUT"
kill $PID2; wait $PID2 2>/dev/null || true
stop_server
echo "Written to $OUT"
