#!/usr/bin/env bash
# Web pages benchmark: the clinician signs in through the embedded identity provider (curl, real login
# form and OAuth2 code flow), then the worklist and a patient view are loaded repeatedly over the demo data;
# then the demo patient signs in the same way and their page and printable plan are loaded.
# Every page load makes its FHIR calls over HTTP with the clinician's token (authorization and audit included).
# Usage: bench/pages.sh [loads=30]      Results: bench/results/pages-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
LOADS=${1:-30}
PORT=${BENCH_PORT:-18081}
JAR=target/fibroplan-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests
WORK=$(mktemp -d)
OUT=bench/results/pages-$(date -u +%Y%m%dT%H%M%SZ).md
mkdir -p bench/results
java -jar "$JAR" --server.port="$PORT" --spring.datasource.url="jdbc:h2:file:$WORK/db" > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$WORK"' EXIT
until grep -q "Demo data ready" "$WORK/app.log"; do
  kill -0 $APP 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 1
done
B="http://localhost:$PORT"
J="$WORK/cookies"
# /app → the identity provider's login form; the form's CSRF token; sign in; follow the code flow back to /app
curl -s -c "$J" -b "$J" -L "$B/app" > "$WORK/login.html"
CSRF=$(sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' "$WORK/login.html" | head -1)
curl -s -c "$J" -b "$J" -L -d "username=clinician&password=clinician&_csrf=$CSRF" "$B/login" > "$WORK/worklist.html"
grep -q 'queue-summary' "$WORK/worklist.html" || { echo "sign-in did not reach the panel"; tail -50 "$WORK/app.log"; exit 1; }
DRAFTS=$(grep -o 'data-patient="[^"]*"' "$WORK/worklist.html" | wc -l)
P="$WORK/patient-cookies"
curl -s -c "$P" -b "$P" -L "$B/app/patient" > "$WORK/patient-login.html"
CSRF=$(sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' "$WORK/patient-login.html" | head -1)
curl -s -c "$P" -b "$P" -L -d "username=patient&password=patient&_csrf=$CSRF" "$B/login" > "$WORK/patient-home.html"
grep -q 'due-heading' "$WORK/patient-home.html" || { echo "sign-in did not reach the patient page"; tail -50 "$WORK/app.log"; exit 1; }

measure() { # label url [cookie jar] → p50 p95 max in ms
  local times=()
  for _ in $(seq 1 "$LOADS"); do
    times+=("$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "${3:-$J}" "$1" | awk '$1==200{printf "%d", $2*1000} $1!=200{print "HTTP " $1 > "/dev/stderr"; exit 1}')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$2" '{a[NR]=$1} END {printf "| %s | %d | %d | %d | %d |\n", label, NR, a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)], a[NR]}'
}
{
  echo "# Web pages benchmark $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores; commit $(git rev-parse --short HEAD); H2 file database with the demo data ($DRAFTS rows on the panel); one clinician, sequential loads after one warm-up."
  echo
  echo "| page | loads | p50 (ms) | p95 (ms) | max (ms) |"
  echo "|---|---|---|---|---|"
  curl -s -o /dev/null -b "$J" "$B/app/patients/demo-red-flag"
  measure "$B/app" "panel (/app)"
  measure "$B/app/patients/demo-red-flag" "patient view (/app/patients/demo-red-flag)"
  measure "$B/app/patients/demo-improving" "patient view (/app/patients/demo-improving)"
  curl -s -o /dev/null -b "$P" "$B/app/patient"
  measure "$B/app/patient" "patient's own page (/app/patient, as demo-patient)" "$P"
  measure "$B/app/patient/plan" "printable plan (/app/patient/plan, as demo-patient)" "$P"
} | tee "$OUT"
