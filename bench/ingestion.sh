#!/usr/bin/env bash
# QuestionnaireResponse ingestion benchmark: completed PEG responses POSTed by concurrent clients through
# the whole pipeline (validate against the Questionnaire, score, extract the Observation, revise the
# patient's draft care plan, audit, commit), the same without the care-plan revision
# (fibroplan.careplan.drafting-enabled=false), and stored raw (fibroplan.pro.pipeline-enabled=false), on
# H2 and PostgreSQL, spread over BENCH_PATIENTS (200) patients.
# Usage: bench/ingestion.sh [requests=2000] [clients=8]      Results: bench/results/ingestion-<UTC time>.md
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh "$@"
OUT=bench/results/ingestion-$(date -u +%Y%m%dT%H%M%SZ).md

{
  echo "# Ingestion benchmark $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; commit $(git rev-parse --short HEAD); $CLIENTS clients, $REQUESTS completed PEG QuestionnaireResponses after $WARMUP warm-up."
  echo
  echo "| database | pipeline | QR/s | p50 (ms) | p95 (ms) | p99 (ms) |"
  echo "|---|---|---|---|---|---|"
} > "$OUT"

for db in ${BENCH_DBS:-h2 postgres}; do
  declare -A rate=()
  for mode in plan scores raw; do
    case $mode in
      plan) flags=(--fibroplan.pro.pipeline-enabled=true --fibroplan.careplan.drafting-enabled=true); label="on, with draft revision" ;;
      scores) flags=(--fibroplan.pro.pipeline-enabled=true --fibroplan.careplan.drafting-enabled=false); label="on, without draft revision" ;;
      raw) flags=(--fibroplan.pro.pipeline-enabled=false); label="off (raw create)" ;;
    esac
    start_server "$db" "$mode" "${flags[@]}"
    result=$(load peg "$CLIENTS" "$REQUESTS" "$WARMUP")
    stop_server
    rate[$mode]=$(field "$result" throughput)
    printf '| %s | %s | %s | %s | %s | %s |\n' "$db" "$label" \
      "${rate[$mode]}" "$(field "$result" p50_ms)" "$(field "$result" p95_ms)" "$(field "$result" p99_ms)" | tee -a "$OUT"
  done
  echo "$db: pipeline keeps $(awk -v a="${rate[plan]}" -v b="${rate[raw]}" 'BEGIN{printf "%.2f", a/b}') of the raw rate with revision, $(awk -v a="${rate[scores]}" -v b="${rate[raw]}" 'BEGIN{printf "%.2f", a/b}') without; revision keeps $(awk -v a="${rate[plan]}" -v b="${rate[scores]}" 'BEGIN{printf "%.2f", a/b}') of the scores-only rate" | tee -a "$OUT"
done
echo "Written to $OUT"
