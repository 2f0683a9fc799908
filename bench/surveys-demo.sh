#!/usr/bin/env bash
# What the surveys demo adds to a first start under the demo profile on an empty H2 database: the
# questionnaire made during start-up, then the 20,000 responses written by a background thread;
# prints both figures and Spring's start time, from the application log.
#   bench/surveys-demo.sh            (port 8081, data under target/surveys-demo; RUNS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${BENCH_PORT:-8081}"
[ -n "${BENCH_SKIP_PACKAGE:-}" ] || mvn -q -B -ntp -DskipTests package
fatjar="$(ls target/grassroots-*.jar | grep -v original | head -n1)"
export GRASSROOTS_DEMO_PASSWORD='Bench-Demo-1' GRASSROOTS_ADMIN_PASSWORD='Bench-Admin-1'
for run in $(seq 1 "${RUNS:-3}"); do
  data="$PWD/target/surveys-demo"
  rm -rf "$data"
  log="$(mktemp)"
  java -Xmx512m -jar "$fatjar" --server.port="$port" --grassroots.data-dir="$data" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    grep -q "Surveys demo loaded" "$log" && break
    sleep 0.5
  done
  demo="$(grep -o 'Surveys demo loaded.*' "$log" || echo 'Surveys demo: no line')"
  started="$(grep -o 'Started GrassrootsApplication in [0-9.]* seconds' "$log" || echo 'not started')"
  echo "run $run: $demo; $started"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$log"
done
