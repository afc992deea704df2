# Shared by the bench scripts (sourced with the script's arguments: [requests] [clients]): settings,
# starting a FibroPlan on a fresh database with a token and a patient, stopping it.
# Sets PID, DB_NAME, READY_SECONDS, TOKEN, PATIENT (comma-separated patient ids, BENCH_PATIENTS of them).

REQUESTS=${1:-2000}
CLIENTS=${2:-8}
WARMUP=${WARMUP:-300}
PORT=${BENCH_PORT:-18080}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_USER=${BENCH_PG_USER:-postgres}
JAR=target/fibroplan-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests
mkdir -p bench/results
WORK=$(mktemp -d)
PID=""
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

start_server() { # db(h2|postgres) label [extra server arguments...]
  local db=$1 label=$2; shift 2
  local args=("$@")
  DB_NAME=""
  if [ "$db" = postgres ]; then
    DB_NAME="fibroplan_bench_$$_$RANDOM"
    psql -q -h "$PG_HOST" -U "$PG_USER" -d test -c "CREATE DATABASE $DB_NAME" >/dev/null
    args+=(--spring.profiles.active=postgres "--spring.datasource.url=jdbc:postgresql://$PG_HOST:5432/$DB_NAME" "--spring.datasource.username=$PG_USER")
  else
    args+=("--spring.datasource.url=jdbc:h2:file:$WORK/h2-$label/fibroplan")
  fi
  local t0; t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --fibroplan.demo.enabled=false "${args[@]}" > "$WORK/app-$db-$label.log" 2>&1 &
  PID=$!
  until curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 $PID 2>/dev/null || { echo "server died, see log:"; tail -20 "$WORK/app-$db-$label.log"; exit 1; }
    sleep 0.2
  done
  READY_SECONDS=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{print a-b}')
  fresh_token
  # Answers are spread over many patients, as in a clinic (each gets about a dozen): one patient's draft
  # is revised by one request at a time, so a single patient would measure that queue, not the server.
  PATIENT=""
  for i in $(seq "${BENCH_PATIENTS:-200}"); do
    # On a loaded machine 200 patients can outlast the 5-minute token.
    [ $((i % 50)) -eq 0 ] && fresh_token
    PATIENT="$PATIENT${PATIENT:+,}$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/fhir+json' "localhost:$PORT/fhir/Patient" -d '{"resourceType":"Patient","name":[{"family":"Bench"}]}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')"
  done
}

# The system client's token lasts 5 minutes: ample for one load run; long scripts take a fresh one per phase.
fresh_token() {
  TOKEN=$(curl -sf -u demo-system:demo-secret -d grant_type=client_credentials -d 'scope=system/*.cruds' "localhost:$PORT/oauth2/token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
}

stop_server() {
  kill $PID; wait $PID 2>/dev/null || true
  if [ -n "$DB_NAME" ]; then
    psql -q -h "$PG_HOST" -U "$PG_USER" -d test -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
  fi
}

# /app pages: a clinician signed in through the embedded identity provider's form (curl keeps the session).
J="$WORK/cookies"
sign_in() { # a fresh session each time: an old one would skip the login form
  rm -f "$J"
  curl -s -c "$J" -b "$J" -L "http://localhost:$PORT/app" > "$WORK/login.html"
  local csrf; csrf=$(sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' "$WORK/login.html" | head -1)
  curl -s -c "$J" -b "$J" -L -d "username=clinician&password=clinician&_csrf=$csrf" "http://localhost:$PORT/login" > "$WORK/panel.html"
  grep -q 'queue-summary' "$WORK/panel.html" || { echo "sign-in did not reach the panel"; exit 1; }
}
measure() { # label url [bearer] -> "label p50 p95"; FHIR calls carry the token, pages the session cookie (never both)
  local label=$1 url=$2 auth=(-b "$J")
  [ $# -gt 2 ] && auth=(-H "Authorization: Bearer $3")
  curl -s -o /dev/null "${auth[@]}" "$url"
  for _ in $(seq 1 "$LOADS"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${auth[@]}" "$url"
  done | awk '$1!=200{print "HTTP " $1 > "/dev/stderr"; exit 1} {printf "%d\n", $2*1000}' | sort -n \
    | awk -v l="$label" '{a[NR]=$1} END {printf "%s %d %d\n", l, a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)]}'
}

rss_mb() { echo $(( $(ps -o rss= -p $PID) / 1024 )); }

# load kind clients requests warmup -> "requests=… throughput=… p50_ms=… …"
load() { java bench/FhirLoad.java "http://localhost:$PORT/fhir" "$1" "$PATIENT" "$2" "$3" "$4" "$TOKEN"; }

field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k{print $2}'; }
