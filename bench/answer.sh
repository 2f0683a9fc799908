#!/usr/bin/env bash
# Online answering under load (docs/benchmarks.md, section Surveys): 64 connections for 60 s on
# loopback, each submission with its own token, server in a 512 MB heap.
#   bench/answer.sh h2          embedded H2 in a temporary data directory
#   bench/answer.sh postgres    a temporary database on 127.0.0.1:5432 (user postgres)
# Prints the sustained rate and latency percentiles (bench/AnswerBench.java), then the server's
# resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-h2}"
port="${BENCH_PORT:-8091}"

[ -n "${SKIP_PACKAGE:-}" ] || mvn -o -q -B -DskipTests package
fatjar="$(ls target/grassroots-*.jar | grep -v original | head -n1)"
work="$(mktemp -d /tmp/grassroots-answer-bench.XXXXXX)"
pgdb="grassroots_answer_bench_$$"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ "$db" = postgres ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

export GRASSROOTS_DEMO_PASSWORD='Bench-Demo-1'
java -Djarmode=tools -jar "$fatjar" extract --destination "$work/app" >/dev/null
jar="$work/app/$(basename "$fatjar")"
args=()
if [ "$db" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $pgdb" >/dev/null
  args+=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$pgdb" --spring.datasource.username=postgres --spring.datasource.password=)
fi
SPRING_PROFILES_ACTIVE=demo java -Xmx512m -jar "$jar" --server.port="$port" --grassroots.data-dir="$work/data" \
  "${args[@]}" > "$work/app.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; do
  sleep 0.5
  kill -0 "$pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
done
echo "== online answering on $db ($(date -u +%FT%TZ); load average: $(cut -d' ' -f1-3 /proc/loadavg))"
java -Xmx1g -cp "$work/app/lib/*" bench/AnswerBench.java "http://127.0.0.1:$port" hlj-admin "$GRASSROOTS_DEMO_PASSWORD"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "heap: $(jcmd "$pid" GC.heap_info 2>/dev/null | grep -i 'garbage-first heap' | head -n1 || true)"
echo "resident memory of the server: $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
