#!/usr/bin/env bash
# Web pages benchmark: over the demo data, a clinician signs in through the embedded identity provider (curl,
# real login form and OAuth2 code flow) and loads the panel, two patient views, a plan's history and an
# approval preview; the demo patient signs in and loads their home page and printable plan; the login form is loaded signed out.
# Every page makes its FHIR calls over HTTP with the user's token (authorization and audit included).
# BASE_JAR=<an older build's jar> measures that jar first on its own fresh database, for a same-run comparison.
# Usage: [BASE_JAR=path] bench/pages.sh [loads=30]      Results: bench/results/pages-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
LOADS=${1:-30}
PORT=${BENCH_PORT:-18081}
JAR=${BENCH_JAR:-target/fibroplan-0.1.0-SNAPSHOT.jar}
[ -f "$JAR" ] || mvn -B -q package -DskipTests
WORK=$(mktemp -d)
OUT=bench/results/pages-$(date -u +%Y%m%dT%H%M%SZ).md
mkdir -p bench/results
APP=""
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$WORK"' EXIT
B="http://localhost:$PORT"

sign_in() { # jar-file username page-that-proves-it
  rm -f "$1"
  curl -s -c "$1" -b "$1" -L "$B$3" > "$WORK/login.html"
  local csrf; csrf=$(sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' "$WORK/login.html" | head -1)
  curl -s -c "$1" -b "$1" -L -d "username=$2&password=$2&_csrf=$csrf" "$B/login" > "$WORK/signed-in.html"
}

measure() { # label url [cookie jar] → a table row: p50 p95 max in ms
  local auth=()
  [ $# -gt 2 ] && auth=(-b "$3")
  curl -s -o /dev/null "${auth[@]}" "$2"
  for _ in $(seq 1 "$LOADS"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${auth[@]}" "$2"
  done | awk '$1!=200{print "HTTP " $1 > "/dev/stderr"; exit 1} {printf "%d\n", $2*1000}' | sort -n \
    | awk -v label="$1" '{a[NR]=$1} END {printf "| %s | %d | %d | %d | %d |\n", label, NR, a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)], a[NR]}'
}

run() { # jar label
  local db="$WORK/db-$2"
  java -jar "$1" --server.port="$PORT" --spring.datasource.url="jdbc:h2:file:$db" > "$WORK/app-$2.log" 2>&1 &
  APP=$!
  until grep -q "Demo data ready" "$WORK/app-$2.log"; do
    kill -0 $APP 2>/dev/null || { tail -50 "$WORK/app-$2.log"; exit 1; }
    sleep 1
  done
  local clinician="$WORK/clinician-$2" patient="$WORK/patient-$2"
  sign_in "$clinician" clinician /app
  grep -q 'queue-summary' "$WORK/signed-in.html" || { echo "sign-in did not reach the panel"; tail -50 "$WORK/app-$2.log"; exit 1; }
  sign_in "$patient" patient /app/patient
  curl -s -b "$clinician" "$B/app/patients/demo-improving" > "$WORK/improving.html"
  curl -s -b "$clinician" "$B/app/patients/demo-red-flag" > "$WORK/red-flag.html"
  # a plan's history and an approval preview exist only in builds that have those pages
  local history preview
  history=$(grep -o '/app/patients/demo-improving/plans/[^/"]*/history' "$WORK/improving.html" | head -1 || true)
  preview=$(grep -o '/app/patients/demo-red-flag/plan/[^/"]*/approval[^"]*' "$WORK/red-flag.html" | head -1 | sed 's/&amp;/\&/g' || true)
  echo
  echo "### $2 ($(basename "$1"))"
  echo
  echo "| page | loads | p50 (ms) | p95 (ms) | max (ms) |"
  echo "|---|---|---|---|---|"
  measure "login form (signed out)" "$B/login"
  measure "panel (/app)" "$B/app" "$clinician"
  measure "patient view (demo-red-flag)" "$B/app/patients/demo-red-flag" "$clinician"
  measure "patient view (demo-improving)" "$B/app/patients/demo-improving" "$clinician"
  [ -n "$history" ] && measure "plan history (demo-improving)" "$B$history" "$clinician"
  [ -n "$preview" ] && measure "approval preview (demo-red-flag)" "$B$preview" "$clinician"
  measure "patient home (/app/patient, demo patient)" "$B/app/patient" "$patient"
  curl -sf -o /dev/null -b "$patient" "$B/app/patient/plan" && measure "printable plan (/app/patient/plan, demo patient)" "$B/app/patient/plan" "$patient"
  kill $APP; wait $APP 2>/dev/null || true
  APP=""
}

{
  echo "# Web pages benchmark $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores; commit $(git rev-parse --short HEAD); H2 file database with the demo data, fresh for each build; one user, sequential loads after one warm-up."
  [ -n "${BASE_JAR:-}" ] && run "$BASE_JAR" base
  run "$JAR" current
} | tee "$OUT"
