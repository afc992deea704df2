#!/usr/bin/env bash
# What one answer writes, counted by PostgreSQL itself, and what it costs the server in CPU time (issue 17).
# For each build (BASE_JAR, if given, then BENCH_JAR), on a fresh PostgreSQL database: 10 patients, WARMUP
# completed PEG answers, then REQUESTS more from CLIENTS clients; reports the rows each answer added to every
# HAPI table (resources, versions, each index table, resource links, tags) by resource type, and the server
# process's CPU ms per answer (user + system). Row counts do not depend on the machine's load; CPU time
# depends on it far less than throughput does. Builds alternate ROUNDS times.
# Usage: bench/rows-per-answer.sh [requests=100] [clients=2]
#   BENCH_JAR=... (default target/fibroplan-0.1.0-SNAPSHOT.jar)  BASE_JAR=... (a build to compare with)
#   WARMUP=30  ROUNDS=1  BENCH_JAVA_OPTS=... (default: the shipped options, docker/java-options)
# Results: bench/results/rows-per-answer-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-100}; CLIENTS=${2:-2}; WARMUP=${WARMUP:-30}; ROUNDS=${ROUNDS:-1}
PORT=${BENCH_PORT:-18085}; PG_HOST=${BENCH_PG_HOST:-127.0.0.1}; PG_USER=${BENCH_PG_USER:-postgres}
JAR=${BENCH_JAR:-target/fibroplan-0.1.0-SNAPSHOT.jar}
[ -f "$JAR" ] || mvn -B -q package -DskipTests
JAVA_OPTS=${BENCH_JAVA_OPTS:-$(grep -v '^#' docker/java-options | tr '\n' ' ')}
mkdir -p bench/results
OUT=bench/results/rows-per-answer-$(date -u +%Y%m%dT%H%M%SZ).md
WORK=$(mktemp -d); PID=""; DB=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  [ -n "$DB" ] && psql -q -h "$PG_HOST" -U "$PG_USER" -d test -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }
counts() { # -> "kind|resource type|rows" lines
  psql -At -h "$PG_HOST" -U "$PG_USER" -d "$DB" -c "
    SELECT kind, rt, count(*) FROM (
      SELECT 'resource' kind, res_type rt FROM hfj_resource UNION ALL
      SELECT 'version', res_type FROM hfj_res_ver UNION ALL
      SELECT 'token', res_type FROM hfj_spidx_token UNION ALL
      SELECT 'string', res_type FROM hfj_spidx_string UNION ALL
      SELECT 'date', res_type FROM hfj_spidx_date UNION ALL
      SELECT 'quantity', res_type FROM hfj_spidx_quantity UNION ALL
      SELECT 'number', res_type FROM hfj_spidx_number UNION ALL
      SELECT 'uri', res_type FROM hfj_spidx_uri UNION ALL
      SELECT 'link', source_resource_type FROM hfj_res_link UNION ALL
      SELECT 'tag', r.res_type FROM hfj_res_tag g JOIN hfj_resource r ON r.res_id = g.res_id
    ) x GROUP BY 1, 2 ORDER BY 1, 2"
}
run_one() { # jar label
  local jar=$1 label=$2 token patients c0 load
  DB="fibroplan_rows_$$_$RANDOM"
  psql -q -h "$PG_HOST" -U "$PG_USER" -d test -c "CREATE DATABASE $DB" >/dev/null
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$jar" --server.port="$PORT" --fibroplan.demo.enabled=false --spring.profiles.active=postgres \
    "--spring.datasource.url=jdbc:postgresql://$PG_HOST:5432/$DB" "--spring.datasource.username=$PG_USER" > "$WORK/$label.log" 2>&1 &
  PID=$!
  until curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 $PID 2>/dev/null || { echo "server died:"; tail -20 "$WORK/$label.log"; exit 1; }
    sleep 0.5
  done
  token=$(curl -sf -u demo-system:demo-secret -d grant_type=client_credentials -d 'scope=system/*.cruds' "localhost:$PORT/oauth2/token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
  patients=""
  for _ in $(seq 10); do
    patients="$patients${patients:+,}$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/fhir+json' "localhost:$PORT/fhir/Patient" -d '{"resourceType":"Patient","name":[{"family":"Bench"}]}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')"
  done
  java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$patients" 1 "$WARMUP" 0 "$token" >/dev/null
  counts > "$WORK/before"
  c0=$(cpu_ms $PID)
  load=$(java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$patients" "$CLIENTS" "$REQUESTS" 0 "$token")
  local cpu; cpu=$(awk -v a="$(cpu_ms $PID)" -v b="$c0" -v n="$REQUESTS" 'BEGIN{printf "%.1f", (a-b)/n}')
  counts > "$WORK/after"
  local validation; validation=$(curl -sf -u operator:operator "localhost:$PORT/actuator/metrics/fibroplan.fhir.profile.validation.percentile?tag=phi:0.5&tag=against:questionnaire" 2>/dev/null \
    | python3 -c 'import sys,json;print("%.1f" % (json.load(sys.stdin)["measurements"][0]["value"]*1000))' 2>/dev/null || echo "n/a")
  kill $PID; wait $PID 2>/dev/null || true; PID=""
  psql -q -h "$PG_HOST" -U "$PG_USER" -d test -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; DB=""
  python3 - "$WORK/before" "$WORK/after" "$REQUESTS" "$label" "$cpu" "$validation" "$load" <<'PY' | tee -a "$OUT"
import sys
before, after, n, label, cpu, validation, load = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
def read(path):
    rows = {}
    for line in open(path):
        kind, rt, count = line.strip().split('|')
        rows[(kind, rt)] = int(count)
    return rows
a, b = read(before), read(after)
delta = {k: (b.get(k, 0) - a.get(k, 0)) / n for k in set(a) | set(b)}
delta = {k: v for k, v in delta.items() if v}
kinds = sorted({k for k, _ in delta})
types = sorted({t for _, t in delta})
print(f"\n### {label}: {sum(delta.values()):.1f} rows per answer, {cpu} CPU ms per answer, "
      f"QR validation p50 {validation} ms ({load.split(' p99')[0]})\n")
print("| resource type | " + " | ".join(kinds) + " | all |")
print("|---|" + "---|" * (len(kinds) + 1))
for t in types:
    cells = [f"{delta.get((k, t), 0):.2f}" for k in kinds]
    print(f"| {t} | " + " | ".join(cells) + f" | {sum(delta.get((k, t), 0) for k in kinds):.2f} |")
print("| **all** | " + " | ".join(f"{sum(delta.get((k, t), 0) for t in types):.2f}" for k in kinds) + f" | {sum(delta.values()):.2f} |")
PY
}
{
  echo "# Rows and CPU per answer $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; commit $(git rev-parse --short HEAD)."
  echo "PostgreSQL; $REQUESTS completed PEG answers from $CLIENTS clients after $WARMUP warm-up, 10 patients; JVM options: $JAVA_OPTS"
  echo "Builds: ${BASE_JAR:+base = $BASE_JAR, }measured = $JAR."
} | tee "$OUT"
for round in $(seq "$ROUNDS"); do
  [ -n "${BASE_JAR:-}" ] && run_one "$BASE_JAR" "base (round $round)"
  run_one "$JAR" "measured (round $round)"
done
echo; echo "Written to $OUT"
