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

work="$(mktemp -d /tmp/grassroots-answer-bench.XXXXXX)"
pgdb="grassroots_answer_bench_$$"
. bench/lib.sh
bench_package
java -Djarmode=tools -jar "$fatjar" extract --destination "$work/app" >/dev/null
bench_database
bench_start -Xmx512m -jar "$work/app/$(basename "$fatjar")" --server.port="$port" --grassroots.data-dir="$work/data" "${db_args[@]}"
echo "== online answering on $db ($(date -u +%FT%TZ); load average: $(cut -d' ' -f1-3 /proc/loadavg))"
java -Xmx1g -cp "$work/app/lib/*" bench/AnswerBench.java "http://127.0.0.1:$port" hlj-admin "$GRASSROOTS_DEMO_PASSWORD"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
bench_memory
