#!/usr/bin/env bash
# What an answer costs as a patient's history grows: in a clinic-like store (BACKGROUND other patients with
# a few answers each, so the database's statistics look like a clinic's rather than two patients'), one
# patient with SHORT (10) prior PEG answers and one with LONG (500; plus as many directly posted pain scores).
# Then ROUNDS interleaved rounds of PER_ROUND PEG answers for each, one client at a time, through the whole
# pipeline (validate, score, revise the draft, queue, audit); interleaving spreads the machine's noise over
# both. The target: the pooled p50 at LONG is at most 1.3 x the pooled p50 at SHORT.
# Usage: bench/answer-history.sh      Results: bench/results/answer-history-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
SHORT=${SHORT:-10}
LONG=${LONG:-500}
BACKGROUND=${BACKGROUND:-200}
ROUNDS=${ROUNDS:-5}
PER_ROUND=${PER_ROUND:-10}
export BENCH_PATIENTS=$((BACKGROUND + 2))
# shellcheck source=bench/lib.sh
. bench/lib.sh
OUT=bench/results/answer-history-$(date -u +%Y%m%dT%H%M%SZ).md
{
  echo "# Answer cost against history $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores; commit $(git rev-parse --short HEAD); $BACKGROUND other patients with 5 answers each;"
  echo "one client; $ROUNDS interleaved rounds of $PER_ROUND PEG answers per patient after the history is seeded."
  echo
  echo "| database | prior answers | p50 (ms) | p95 (ms) |"
  echo "|---|---|---|---|"
} > "$OUT"
pooled() { # file percentile
  sort -n "$1" | awk -v p="$2" '{v[NR]=$1} END{i=int((p/100)*NR+0.999999); if(i<1)i=1; printf "%.1f", v[i]}'
}
for db in ${BENCH_DBS:-h2 postgres}; do
  start_server "$db" history
  IFS=, read -r -a ids <<< "$PATIENT"
  short=${ids[0]}
  long=${ids[1]}
  others=$(IFS=,; echo "${ids[*]:2}")
  java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$others" 2 $((BACKGROUND * 5)) 0 "$TOKEN" > /dev/null
  fresh_token
  java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$short" 1 "$SHORT" 0 "$TOKEN" > /dev/null
  java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$long" 2 "$LONG" 0 "$TOKEN" > /dev/null
  fresh_token
  java bench/FhirLoad.java "http://localhost:$PORT/fhir" pain-score "$long" 2 "$LONG" 0 "$TOKEN" > /dev/null
  rm -f "$WORK/short.ms" "$WORK/long.ms"
  fresh_token
  for _ in $(seq "$ROUNDS"); do
    LATENCIES_FILE=$WORK/short.ms java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$short" 1 "$PER_ROUND" 2 "$TOKEN" > /dev/null
    LATENCIES_FILE=$WORK/long.ms java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$long" 1 "$PER_ROUND" 2 "$TOKEN" > /dev/null
  done
  stop_server
  printf '| %s | %s | %s | %s |\n' "$db" "$SHORT" "$(pooled "$WORK/short.ms" 50)" "$(pooled "$WORK/short.ms" 95)" | tee -a "$OUT"
  printf '| %s | %s (+%s pain scores) | %s | %s |\n' "$db" "$LONG" "$LONG" "$(pooled "$WORK/long.ms" 50)" "$(pooled "$WORK/long.ms" 95)" | tee -a "$OUT"
  echo "$db: p50 at $LONG prior answers is $(awk -v a="$(pooled "$WORK/long.ms" 50)" -v b="$(pooled "$WORK/short.ms" 50)" 'BEGIN{printf "%.2f", a/b}') x the p50 at $SHORT" | tee -a "$OUT"
done
echo "Written to $OUT"
