#!/usr/bin/env bash
# The clinician's panel at clinic scale: seeds SMALL (100) then LARGE (5,000) patients under care through the
# FHIR API (each with a name, an MRN and a PEG answer, so a draft and a queue Task; every tenth with a red
# flag, a stat Task), and after each times, over LOADS (30) sequential requests: the queue's first page as the
# panel reads it (stat Tasks with their Patients), a name search, and the /app panel page itself (signed in
# as the clinician through the embedded identity provider, its FHIR reads made with the clinician's token).
# Targets: queue page and search p95 <= 150 ms at LARGE and <= 1.5 x SMALL; /app p95 <= 300 ms at LARGE.
# Usage: bench/panel.sh      Results: bench/results/panel-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_PATIENTS=1
# shellcheck source=bench/lib.sh
. bench/lib.sh
SMALL=${SMALL:-100}
LARGE=${LARGE:-5000}
LOADS=${LOADS:-30}
DB=${BENCH_DB:-h2}
OUT=bench/results/panel-$(date -u +%Y%m%dT%H%M%SZ).md
start_server "$DB" panel
B="http://localhost:$PORT"
QUEUE="$B/fhir/Task?code=http://fibroplan.org/fhir/CodeSystem/plan-event%7Cclinician-review&status=requested&priority=stat&_include=Task:patient&_sort=-_lastUpdated&_count=20"

token() { curl -sf -u demo-system:demo-secret -d grant_type=client_credentials -d 'scope=system/*.cruds' "$B/oauth2/token" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'; }
seed() { # from to, in chunks so the 5-minute system token never runs out
  local from=$1 to=$2
  while [ "$from" -lt "$to" ]; do
    local next=$(( from + 500 < to ? from + 500 : to ))
    java bench/PanelSeed.java "$B/fhir" "$(token)" "$from" "$next" 4
    from=$next
  done
}
round() { # patients -> lines "label p50 p95"
  local t; t=$(token)
  sign_in
  measure queue "$QUEUE" "$t"
  measure search "$B/fhir/Patient?name=Panel$(( $1 / 2 ))" "$t"
  measure panel "$B/app"
}
seed 0 "$SMALL"
small=$(round "$SMALL")
seed "$SMALL" "$LARGE"
large=$(round "$LARGE")
stop_server
{
  echo "# Panel benchmark $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores; commit $(git rev-parse --short HEAD); $DB; $LOADS sequential loads after one warm-up; every tenth patient has a red flag."
  echo
  echo "| request | p50 at $SMALL (ms) | p95 at $SMALL (ms) | p50 at $LARGE (ms) | p95 at $LARGE (ms) | p95 ratio |"
  echo "|---|---|---|---|---|---|"
  paste -d' ' <(echo "$small") <(echo "$large") | awk '{printf "| %s | %d | %d | %d | %d | %.2f |\n", $1, $2, $3, $5, $6, ($3 > 0 ? $6 / $3 : 0)}'
} | tee "$OUT"
echo "Written to $OUT"
