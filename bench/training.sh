#!/usr/bin/env bash
# The training module's speed figures (issue 3, "Speed"), over HTTP, in a 512 MB heap.
#   bench/training.sh h2          embedded H2 in a temporary data directory
#   bench/training.sh postgres    a temporary database on 127.0.0.1:5432 (user postgres)
# Starts once under demo (migrations, demo data), stops, loads bench/training-data.sql set-based
# (2,720 secretaries with accounts and tokens, 8,160 earlier enrolments, the bench programme of 21
# classrooms x 40 sessions with all 2,720 enrolled, 50 questions, baseline answers, 5 open finals,
# 5 empty programmes to enrol into), starts again and runs bench/TrainingBench.java, which prints
# each figure: 5 runs and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-h2}"
port="${BENCH_PORT:-8094}"
work="$(mktemp -d "$PWD/target/training-bench.XXXXXX")"
pgdb="gr_training_bench_$$"
. bench/lib.sh
bench_package
bench_database
start() {
  bench_start -Xmx512m -jar "$fatjar" --server.port="$port" --grassroots.data-dir="$work/data" "${db_args[@]}" \
    --logging.level.cn.grassroots.training=INFO
}
start
grep -o "Training demo loaded.*" "$work/app.log" || true
bench_stop
sed_h2="s/TOKEN_HASH/LOWER(RAWTOHEX(HASH('SHA-256', 'gr_' || CAST(id AS VARCHAR(20)) || '_bench')))/"
sed_pg="s/TOKEN_HASH/encode(sha256(convert_to('gr_' || CAST(id AS VARCHAR(20)) || '_bench', 'UTF8')), 'hex')/"
t0=$(date +%s%N)
if [ "$db" = postgres ]; then
  sed "$sed_pg" bench/training-data.sql | psql -h 127.0.0.1 -U postgres -d "$pgdb" -v ON_ERROR_STOP=1 -q
  psql -h 127.0.0.1 -U postgres -d "$pgdb" -qc "ANALYZE"
else
  sed "$sed_h2" bench/training-data.sql > "$work/data.sql"
  java -cp "$(ls ~/.m2/repository/com/h2database/h2/*/h2-*.jar | tail -n1)" org.h2.tools.RunScript -user sa \
    -url "jdbc:h2:file:$work/data/grassroots;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    -script "$work/data.sql"
fi
echo "== $db: bench data generated in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
start
echo "== $db: $(date -u +%FT%TZ), load: $(uptime | sed 's/.*load average: //')"
if [ -n "${BENCH_HOLD:-}" ]; then echo "holding the server on $port (pid $pid)"; wait "$pid"; fi
java bench/TrainingBench.java "http://127.0.0.1:$port" "$GRASSROOTS_DEMO_PASSWORD"
echo "== $db: load after: $(uptime | sed 's/.*load average: //')"
