#!/usr/bin/env bash
# The speed benchmark of docs/benchmarks.md, over HTTP, on 2 cores, in a 512 MB heap.
#   bench/run.sh h2          embedded H2 in a temporary data directory
#   bench/run.sh postgres    a temporary database on 127.0.0.1:5432 (user postgres)
#   BENCH_SKIP_STARTUP=1 …   only the request latencies; BENCH_SKIP_LATENCY=1 … only the starts
# Measures: first start under prod on an empty database until health is UP, restart on that
# database (5 runs each, median); then, under demo with 1,000,000 generated people in
# Heilongjiang, the region count under province 23 and the first page of people under 23 as
# hlj-admin (5 runs of 100 requests, median of the run medians).
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-h2}"
port="${BENCH_PORT:-18080}"
runs=5

mvn -q -B -ntp -DskipTests package
fatjar="$(ls target/grassroots-*.jar | grep -v original | head -n1)"
work="$(mktemp -d /tmp/grassroots-bench.XXXXXX)"
pgdb="grassroots_bench_$$"
trap 'pkill -f "grassroots.bench.port=$port" || true; [ "$db" = postgres ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1; rm -rf "$work"' EXIT

export GRASSROOTS_ADMIN_PASSWORD='Bench-Admin-1' GRASSROOTS_DEMO_PASSWORD='Bench-Demo-1'
export GRASSROOTS_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)"

# The deployment README.md describes: the jar extracted, plus a class-data-sharing archive made
# by one training run that stops once the context has refreshed.
java -Djarmode=tools -jar "$fatjar" extract --destination "$work/app" >/dev/null
jar="$work/app/$(basename "$fatjar")"
SPRING_PROFILES_ACTIVE=prod java -XX:ArchiveClassesAtExit="$work/app/grassroots.jsa" -Dspring.context.exit=onRefresh \
  -jar "$jar" --grassroots.data-dir="$work/training" > "$work/training.log" 2>&1 || { cat "$work/training.log" >&2; exit 1; }
rm -rf "$work/training"

fresh_db() {
  rm -rf "$work/data"
  if [ "$db" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $pgdb" >/dev/null
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $pgdb" >/dev/null
  fi
}

db_args() {
  if [ "$db" = postgres ]; then
    echo "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$pgdb --spring.datasource.username=postgres --spring.datasource.password="
  fi
}

# Starts the jar under a profile; prints milliseconds from launch to health UP.
start() {
  local profile="$1" t0 t1
  t0=$(date +%s%N)
  SPRING_PROFILES_ACTIVE="$profile" java -Xmx512m -XX:SharedArchiveFile="$work/app/grassroots.jsa" -jar "$jar" --server.port="$port" --grassroots.data-dir="$work/data" \
    --grassroots.bench.port="$port" $(db_args) > "$work/app.log" 2>&1 &
  until curl -sf "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    sleep 0.05
    kill -0 $! 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  done
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

stop() {
  pkill -f "grassroots.bench.port=$port" || true
  while pgrep -f "grassroots.bench.port=$port" >/dev/null; do sleep 0.1; done
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

if [ -z "${BENCH_SKIP_STARTUP:-}" ]; then
  echo "== $db: first start under prod on an empty database (ms)"
  firsts=(); restarts=()
  for i in $(seq 1 $runs); do
    fresh_db
    firsts+=("$(start prod)"); stop
    restarts+=("$(start prod)"); stop
  done
  echo "first start: ${firsts[*]}  median $(printf '%s\n' "${firsts[@]}" | median)"
  echo "restart:     ${restarts[*]}  median $(printf '%s\n' "${restarts[@]}" | median)"
fi

[ -n "${BENCH_SKIP_LATENCY:-}" ] && exit 0

echo "== $db: demo data plus 1,000,000 generated people"
fresh_db
start demo >/dev/null; stop
t0=$(date +%s)
if [ "$db" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -d "$pgdb" -v ON_ERROR_STOP=1 -q -f bench/generate-people.sql
  psql -h 127.0.0.1 -U postgres -d "$pgdb" -qc "ANALYZE"
else
  java -cp "$(ls "$work"/app/lib/h2-*.jar)" org.h2.tools.RunScript -user sa \
    -url "jdbc:h2:file:$work/data/grassroots;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    -script bench/generate-people.sql
fi
echo "generated in $(( $(date +%s) - t0 )) s"
echo "start with 1,000,000 people: $(start demo) ms"
echo "== $db: request latency (ms)"
java bench/HttpBench.java "http://127.0.0.1:$port" hlj-admin "$GRASSROOTS_DEMO_PASSWORD" \
  /api/v1/regions/23 "/api/v1/people?region=23&size=20"
echo "heap after the run: $(jcmd "$(pgrep -f "grassroots.bench.port=$port")" GC.heap_info 2>/dev/null | grep -i 'garbage-first heap\|total' | head -n1 || true)"
stop
