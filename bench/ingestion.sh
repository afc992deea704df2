#!/usr/bin/env bash
# QuestionnaireResponse ingestion benchmark: completed PEG responses POSTed by concurrent clients through
# the whole pipeline (validate against the Questionnaire, score, extract the Observation, audit, commit),
# against the same responses stored raw (fibroplan.pro.pipeline-enabled=false), on H2 and PostgreSQL.
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
  for pipeline in true false; do
    start_server "$db" "pipeline-$pipeline" --fibroplan.pro.pipeline-enabled="$pipeline"
    result=$(load peg "$CLIENTS" "$REQUESTS" "$WARMUP")
    stop_server
    rate[$pipeline]=$(field "$result" throughput)
    printf '| %s | %s | %s | %s | %s | %s |\n' "$db" "$([ "$pipeline" = true ] && echo "on (validate, score, extract)" || echo "off (raw create)")" \
      "${rate[$pipeline]}" "$(field "$result" p50_ms)" "$(field "$result" p95_ms)" "$(field "$result" p99_ms)" | tee -a "$OUT"
  done
  echo "$db: pipeline keeps $(awk -v a="${rate[true]}" -v b="${rate[false]}" 'BEGIN{printf "%.2f", a/b}') of the raw rate" | tee -a "$OUT"
done
echo "Written to $OUT"
