#!/usr/bin/env bash
# The write path against a bare HAPI JPA server in the same run (issue 17). A bare HAPI 8.8 JPA server
# (testsupport.ehr.EhrSandbox: no security, no validation, no FibroPlan rules) and FibroPlan run side by
# side on the same database kind; for ROUNDS interleaved rounds, CLIENTS clients send REQUESTS completed PEG
# answers (after WARMUP) to each: to the bare server the answer and its score Observation in one transaction
# Bundle, to FibroPlan the answer alone (it validates, scores, revises the draft plan, audits). Reports
# answers/s, p50/p95, the ratio FibroPlan / bare, ready time and RSS after the load for both.
# Usage: bench/write-path.sh [requests=1000] [clients=8]
#   BENCH_DBS="h2 postgres"  ROUNDS=2  WARMUP=200  BENCH_PATIENTS=200
#   BENCH_JAVA_OPTS=...  JVM options for FibroPlan (default: none, plain java -jar)
#   BARE_JAVA_OPTS=...   JVM options for the bare server (default: none)
#   BENCH_JAR=...        the FibroPlan jar to measure (default: target/fibroplan-0.1.0-SNAPSHOT.jar)
# Results: bench/results/write-path-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-200}
. bench/lib.sh "${1:-1000}" "${2:-8}"
JAR=${BENCH_JAR:-$JAR}
ROUNDS=${ROUNDS:-2}
BARE_PORT=${BARE_PORT:-18081}
[ -d target/test-classes/testsupport ] || mvn -B -q test-compile
[ -f target/bench-classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
OUT=bench/results/write-path-$(date -u +%Y%m%dT%H%M%SZ).md
BARE_PID=""
# The servers' logs are kept beside the results (a failed request is explained there).
trap 'kill $PID $BARE_PID 2>/dev/null || true; mkdir -p "${OUT%.md}-logs"; cp "$WORK"/*.log "${OUT%.md}-logs/" 2>/dev/null; rm -rf "$WORK"' EXIT

start_bare() { # db
  local db=$1 url t0
  BARE_DB=""
  if [ "$db" = postgres ]; then
    BARE_DB="hapi_bench_$$_$RANDOM"
    psql -q -h "$PG_HOST" -U "$PG_USER" -d test -c "CREATE DATABASE $BARE_DB" >/dev/null
    url="jdbc:postgresql://$PG_HOST:5432/$BARE_DB"
  else
    url="jdbc:h2:file:$WORK/bare-h2/hapi"
  fi
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  java ${BARE_JAVA_OPTS:-} "-Dsandbox.jdbc-url=$url" "-Dsandbox.jdbc-user=$([ "$db" = postgres ] && echo "$PG_USER" || echo sa)" \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" testsupport.ehr.EhrSandbox "$BARE_PORT" > "$WORK/bare-$db.log" 2>&1 &
  BARE_PID=$!
  until curl -sf "localhost:$BARE_PORT/fhir/metadata" >/dev/null; do
    kill -0 $BARE_PID 2>/dev/null || { echo "bare server died:"; tail -20 "$WORK/bare-$db.log"; exit 1; }
    sleep 0.2
  done
  BARE_READY=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{print a-b}')
  BARE_PATIENTS=""
  for _ in $(seq "${BENCH_PATIENTS:-200}"); do
    BARE_PATIENTS="$BARE_PATIENTS${BARE_PATIENTS:+,}$(curl -sf -X POST -H 'Content-Type: application/fhir+json' "localhost:$BARE_PORT/fhir/Patient" -d '{"resourceType":"Patient","name":[{"family":"Bench"}]}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')"
  done
  # One answer first, alone: HAPI 8.8 on a fresh database registers each resource type on first use, and
  # concurrent first uses race on that table (a unique-key violation, a 500), a cold-start effect not measured here.
  java bench/FhirLoad.java "http://localhost:$BARE_PORT/fhir" peg-bare "$BARE_PATIENTS" 1 1 0 none >/dev/null
}
stop_bare() {
  kill $BARE_PID; wait $BARE_PID 2>/dev/null || true
  [ -n "$BARE_DB" ] && psql -q -h "$PG_HOST" -U "$PG_USER" -d test -c "DROP DATABASE IF EXISTS $BARE_DB WITH (FORCE)" >/dev/null
  BARE_PID=""
}
rss_of() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }
# CPU time a process has used (user + system, ms): per answer it varies far less than throughput on a shared machine.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

{
  echo "# Write path against a bare HAPI server $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; commit $(git rev-parse --short HEAD); jar $JAR."
  echo "$CLIENTS clients, $REQUESTS completed PEG answers after $WARMUP warm-up, ${BENCH_PATIENTS:-200} patients, $ROUNDS interleaved rounds."
  echo "FibroPlan JVM options: '${BENCH_JAVA_OPTS:-}'; bare server: '${BARE_JAVA_OPTS:-}'."
  echo
  echo "CPU ms per answer: the server process's user + system time over the measured requests and their warm-up, divided by their number."
  echo "QR validation p50: FibroPlan's own timer of the FHIR validator checking an answer against its Questionnaire (recent p50)."
  echo
  echo "| database | round | bare HAPI: answer + score (tx) /s | p50 / p95 ms | CPU ms/answer | FibroPlan: whole pipeline /s | p50 / p95 ms | CPU ms/answer | ratio | p95 ratio | CPU ratio | QR validation p50 ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$OUT"

for db in ${BENCH_DBS:-h2 postgres}; do
  start_bare "$db"
  start_server "$db" write-path
  fresh_token
  for round in $(seq "$ROUNDS"); do
    c0=$(cpu_ms $BARE_PID)
    bare=$(java bench/FhirLoad.java "http://localhost:$BARE_PORT/fhir" peg-bare "$BARE_PATIENTS" "$CLIENTS" "$REQUESTS" "$WARMUP" none)
    bare_cpu=$(awk -v a="$(cpu_ms $BARE_PID)" -v b="$c0" -v n="$((REQUESTS + WARMUP))" 'BEGIN{printf "%.1f", (a-b)/n}')
    fresh_token
    c0=$(cpu_ms $PID)
    ours=$(load peg "$CLIENTS" "$REQUESTS" "$WARMUP")
    our_cpu=$(awk -v a="$(cpu_ms $PID)" -v b="$c0" -v n="$((REQUESTS + WARMUP))" 'BEGIN{printf "%.1f", (a-b)/n}')
    validation=$(curl -sf -u "${BENCH_ACTUATOR_USER:-operator}:${BENCH_ACTUATOR_PASSWORD:-operator}" \
      "localhost:$PORT/actuator/metrics/fibroplan.fhir.profile.validation.percentile?tag=phi:0.5&tag=against:questionnaire" \
      | python3 -c 'import sys,json;print("%.1f" % (json.load(sys.stdin)["measurements"][0]["value"]*1000))' || echo n/a)
    printf '| %s | %s | %s | %s / %s | %s | %s | %s / %s | %s | %s | %s | %s | %s |\n' "$db" "$round" \
      "$(field "$bare" throughput)" "$(field "$bare" p50_ms)" "$(field "$bare" p95_ms)" "$bare_cpu" \
      "$(field "$ours" throughput)" "$(field "$ours" p50_ms)" "$(field "$ours" p95_ms)" "$our_cpu" \
      "$(awk -v a="$(field "$ours" throughput)" -v b="$(field "$bare" throughput)" 'BEGIN{printf "%.2f", a/b}')" \
      "$(awk -v a="$(field "$ours" p95_ms)" -v b="$(field "$bare" p95_ms)" 'BEGIN{printf "%.2f", a/b}')" \
      "$(awk -v a="$bare_cpu" -v b="$our_cpu" 'BEGIN{printf "%.2f", a/b}')" "$validation" | tee -a "$OUT"
  done
  echo "$db: ready in ${READY_SECONDS}s (FibroPlan) vs ${BARE_READY}s (bare); RSS after the load $(rss_mb) MB vs $(rss_of $BARE_PID) MB" | tee -a "$OUT"
  stop_server
  stop_bare
done
echo "Written to $OUT"
