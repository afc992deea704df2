#!/usr/bin/env bash
# What an answer costs as a patient's history grows: one patient with SHORT (10) prior PEG answers and one
# with LONG (500; plus as many directly posted pain scores), then MEASURE (50) more PEG answers for each,
# one client at a time, through the whole pipeline (validate, score, revise the draft, queue, audit).
# The target: the p50 at LONG is at most 1.3 x the p50 at SHORT (the revision reads a bounded amount).
# Usage: bench/answer-history.sh      Results: bench/results/answer-history-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_PATIENTS=2
# shellcheck source=bench/lib.sh
. bench/lib.sh
SHORT=${SHORT:-10}
LONG=${LONG:-500}
MEASURE=${MEASURE:-50}
OUT=bench/results/answer-history-$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "# Answer cost against history $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores; commit $(git rev-parse --short HEAD); one client; $MEASURE PEG answers measured per patient after the history is seeded."
  echo
  echo "| database | prior answers | p50 (ms) | p95 (ms) |"
  echo "|---|---|---|---|"
} > "$OUT"
for db in ${BENCH_DBS:-h2 postgres}; do
  start_server "$db" history
  short=${PATIENT%%,*}
  long=${PATIENT##*,}
  java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$short" 1 "$SHORT" 0 "$TOKEN" > /dev/null
  java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$long" 2 "$LONG" 0 "$TOKEN" > /dev/null
  java bench/FhirLoad.java "http://localhost:$PORT/fhir" pain-score "$long" 2 "$LONG" 0 "$TOKEN" > /dev/null
  a=$(java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$short" 1 "$MEASURE" 5 "$TOKEN")
  b=$(java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$long" 1 "$MEASURE" 5 "$TOKEN")
  stop_server
  printf '| %s | %s | %s | %s |\n' "$db" "$SHORT" "$(field "$a" p50_ms)" "$(field "$a" p95_ms)" | tee -a "$OUT"
  printf '| %s | %s (+%s pain scores) | %s | %s |\n' "$db" "$LONG" "$LONG" "$(field "$b" p50_ms)" "$(field "$b" p95_ms)" | tee -a "$OUT"
  echo "$db: p50 at $LONG prior answers is $(awk -v a="$(field "$b" p50_ms)" -v b="$(field "$a" p50_ms)" 'BEGIN{printf "%.2f", a/b}') x the p50 at $SHORT" | tee -a "$OUT"
done
echo "Written to $OUT"
