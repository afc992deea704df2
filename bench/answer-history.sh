#!/usr/bin/env bash
# What an answer costs as a patient's history grows: in a clinic-like store (BACKGROUND other patients with
# a few answers each, so the database's statistics look like a clinic's rather than two patients'), one
# patient with SHORT (10) prior PEG answers and one with LONG (500), each with as many directly posted pain
# scores at three sites (so both plans hold the same kinds of activity and differ only in history).
# Then ROUNDS interleaved rounds of PER_ROUND PEG answers for each, one client at a time, through the whole
# pipeline (validate, score, revise the draft, queue, audit); interleaving spreads the machine's noise over
# both. The target: the pooled p50 at LONG is at most 1.3 x the pooled p50 at SHORT.
# Usage: bench/answer-history.sh      Results: bench/results/answer-history-<UTC time>.md
# Then the clinician's patient view of each (target: p95 <= 300 ms at LONG).
# PROFILE_DIR=/tmp/p bench/answer-history.sh also records each patient's answers alone with JFR there.
set -euo pipefail
cd "$(dirname "$0")/.."
SHORT=${SHORT:-10}
LONG=${LONG:-500}
BACKGROUND=${BACKGROUND:-200}
ROUNDS=${ROUNDS:-5}
PER_ROUND=${PER_ROUND:-10}
LOADS=${LOADS:-20}
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
seed() { # kind patients clients count: in chunks of 100 answers, each with a fresh token (they last 5 minutes)
  local left=$4
  while [ "$left" -gt 0 ]; do
    local n=$(( left < 100 ? left : 100 ))
    fresh_token
    java bench/FhirLoad.java "http://localhost:$PORT/fhir" "$1" "$2" "$3" "$n" 0 "$TOKEN" > /dev/null
    left=$(( left - n ))
  done
}
pooled() { # file percentile
  sort -n "$1" | awk -v p="$2" '{v[NR]=$1} END{i=int((p/100)*NR+0.999999); if(i<1)i=1; printf "%.1f", v[i]}'
}
for db in ${BENCH_DBS:-h2 postgres}; do
  start_server "$db" history
  IFS=, read -r -a ids <<< "$PATIENT"
  short=${ids[0]}
  long=${ids[1]}
  others=$(IFS=,; echo "${ids[*]:2}")
  seed peg "$others" 2 $((BACKGROUND * 5))
  seed peg "$short" 1 "$SHORT"
  seed pain-score "$short" 1 "$SHORT"
  seed peg "$long" 2 "$LONG"
  seed pain-score "$long" 2 "$LONG"
  rm -f "$WORK/short.ms" "$WORK/long.ms"
  fresh_token
  for _ in $(seq "$ROUNDS"); do
    LATENCIES_FILE=$WORK/short.ms java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$short" 1 "$PER_ROUND" 2 "$TOKEN" > /dev/null
    LATENCIES_FILE=$WORK/long.ms java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "$long" 1 "$PER_ROUND" 2 "$TOKEN" > /dev/null
  done
  sign_in # the clinician's patient view of each, LOADS (20) sequential loads
  view_short=$(measure short "http://localhost:$PORT/app/patients/$short")
  view_long=$(measure long "http://localhost:$PORT/app/patients/$long")
  if [ -n "${PROFILE_DIR:-}" ]; then # one JFR recording of each patient's answers alone, for comparison
    for who in short long; do
      jcmd "$PID" JFR.start name="$who" settings=profile filename="$PROFILE_DIR/answer-$db-$who.jfr" > /dev/null
      java bench/FhirLoad.java "http://localhost:$PORT/fhir" peg "${!who}" 1 40 0 "$TOKEN" > /dev/null
      jcmd "$PID" JFR.stop name="$who" > /dev/null
    done
  fi
  stop_server
  printf '| %s | %s (+%s pain scores) | %s | %s |\n' "$db" "$SHORT" "$SHORT" "$(pooled "$WORK/short.ms" 50)" "$(pooled "$WORK/short.ms" 95)" | tee -a "$OUT"
  printf '| %s | %s (+%s pain scores) | %s | %s |\n' "$db" "$LONG" "$LONG" "$(pooled "$WORK/long.ms" 50)" "$(pooled "$WORK/long.ms" 95)" | tee -a "$OUT"
  echo "$view_short" | awk -v db="$db" -v n="$SHORT" '{printf "| %s | patient view at %s answers | %s | %s |\n", db, n, $2, $3}' | tee -a "$OUT"
  echo "$view_long" | awk -v db="$db" -v n="$LONG" '{printf "| %s | patient view at %s answers | %s | %s |\n", db, n, $2, $3}' | tee -a "$OUT"
  echo "$db: p50 at $LONG prior answers is $(awk -v a="$(pooled "$WORK/long.ms" 50)" -v b="$(pooled "$WORK/short.ms" 50)" 'BEGIN{printf "%.2f", a/b}') x the p50 at $SHORT" | tee -a "$OUT"
done
echo "Written to $OUT"
