#!/usr/bin/env bash
# Start-up time and memory (issue 17): the bare HAPI JPA server (testsupport.ehr.EhrSandbox) and FibroPlan,
# started the same way one after the other, each on a fresh H2 file (a first start: FibroPlan installs its FHIR
# package) and again on the same file (a restart). FibroPlan is started as a plain `java -jar`, with the JVM
# options it ships (docker/java-options), and with them from the extracted jar (Spring Boot's
# `-Djarmode=tools extract`, as the image runs it). Ready = until /actuator/health/readiness (FibroPlan) or /fhir/metadata
# (bare) answers. RSS is read when ready. Usage: bench/startup.sh [repeats=2]
# Results: bench/results/startup-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-2}
PORT=${BENCH_PORT:-18080}
JAR=${BENCH_JAR:-target/fibroplan-0.1.0-SNAPSHOT.jar}
[ -f "$JAR" ] || mvn -B -q package -DskipTests
[ -d target/test-classes/testsupport ] || mvn -B -q test-compile
[ -f target/bench-classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
SHIPPED=$(cat docker/java-options)
mkdir -p bench/results
OUT=bench/results/startup-$(date -u +%Y%m%dT%H%M%SZ).md
WORK=$(mktemp -d)
PID=""
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

# The extracted layout (a plain class path instead of jars nested in the jar). A class-data-sharing archive
# on top was tried and left out: on this JDK (17.0.15) both a dynamic archive (-XX:ArchiveClassesAtExit after
# a training run) and a static one (-Xshare:dump from the training run's class list) crashed the JVM while
# writing the archive (SIGSEGV in SystemDictionaryShared).
EXTRACTED=$WORK/extracted
java -Djarmode=tools -jar "$JAR" extract --destination "$EXTRACTED" >/dev/null
APP_JAR=$(ls "$EXTRACTED"/*.jar | head -1)

ready() { # url -> seconds from now until it answers 200, with PID alive
  local t0; t0=$(date +%s.%N)
  until curl -sf "$1" >/dev/null; do
    kill -0 "$PID" 2>/dev/null || { echo "server died" >&2; return 1; }
    sleep 0.1
  done
  awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{printf "%.1f", a-b}'
}
rss() { echo $(( $(ps -o rss= -p "$PID") / 1024 )); }

start() { # label db-dir -> "seconds rss"
  local label=$1 dir=$2 url
  case $label in
    bare)
      java -Dsandbox.jdbc-url="jdbc:h2:file:$dir/hapi" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
        testsupport.ehr.EhrSandbox "$PORT" > "$WORK/$label.log" 2>&1 &
      url="localhost:$PORT/fhir/metadata" ;;
    plain)
      java -jar "$JAR" --server.port="$PORT" --fibroplan.demo.enabled=false "--spring.datasource.url=jdbc:h2:file:$dir/fibroplan" > "$WORK/$label.log" 2>&1 &
      url="localhost:$PORT/actuator/health/readiness" ;;
    shipped)
      # shellcheck disable=SC2086
      java $SHIPPED -jar "$JAR" --server.port="$PORT" --fibroplan.demo.enabled=false "--spring.datasource.url=jdbc:h2:file:$dir/fibroplan" > "$WORK/$label.log" 2>&1 &
      url="localhost:$PORT/actuator/health/readiness" ;;
    shipped-extracted)
      # shellcheck disable=SC2086
      java $SHIPPED -jar "$APP_JAR" --server.port="$PORT" --fibroplan.demo.enabled=false "--spring.datasource.url=jdbc:h2:file:$dir/fibroplan" > "$WORK/$label.log" 2>&1 &
      url="localhost:$PORT/actuator/health/readiness" ;;
  esac
  PID=$!
  local s; s=$(ready "$url")
  echo "$s $(rss)"
  kill "$PID"; wait "$PID" 2>/dev/null || true
}

{
  echo "# Start-up $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; commit $(git rev-parse --short HEAD); jar $JAR."
  echo "Shipped JVM options (docker/java-options): \`$SHIPPED\`."
  echo
  echo "| server | repeat | first start (fresh H2) s | RSS MB | restart s | RSS MB |"
  echo "|---|---|---|---|---|---|"
} > "$OUT"
for r in $(seq "$REPEATS"); do
  for label in bare plain shipped shipped-extracted; do
    dir=$WORK/db-$label-$r
    first=$(start "$label" "$dir")
    again=$(start "$label" "$dir")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$r" ${first} ${again} | tee -a "$OUT"
  done
done
echo "Written to $OUT"
