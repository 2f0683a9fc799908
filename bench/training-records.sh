#!/usr/bin/env bash
# Training dashboards, coverage, yearly-hours shortfalls and a training record at the issue's scale
# (2,720 secretaries, 21 classrooms, 40 sessions each, 108,000 roster marks, 50-question baseline
# and final tests taken by all), over HTTP with a personal token, on PostgreSQL:
#   bench/training-records.sh            (port 8096 unless BENCH_PORT; REQUESTS per run, default 20)
# Starts the application under demo on a temporary database, loads bench/training-records.sql,
# then prints for each request 5 runs' medians and the median of them (bench/HttpBench.java).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${BENCH_PORT:-8096}"
db=postgres
work="$(mktemp -d "$PWD/target/training-records-bench.XXXXXX")"
pgdb="gr_training_records_bench_$$"
. bench/lib.sh
bench_package
bench_database
bench_start -Xmx768m -jar "$fatjar" --server.port="$port" --grassroots.data-dir="$work/data" "${db_args[@]}"
t0=$(date +%s%N)
psql -h 127.0.0.1 -U postgres -d "$pgdb" -v ON_ERROR_STOP=1 -q -f bench/training-records.sql
echo "== data loaded in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
q() { psql -h 127.0.0.1 -U postgres -d "$pgdb" -tAc "$1"; }
p=$(q "SELECT MAX(id) FROM training_programme WHERE created_by = 'bench'")
c=$(q "SELECT MIN(id) FROM training_classroom WHERE programme_id = $p AND kind = 'BRANCH' AND region_code = 230100000000")
person=$(q "SELECT MIN(person_id) FROM training_enrolment WHERE programme_id = $p")
echo "== trainees $(q "SELECT COUNT(*) FROM training_enrolment WHERE programme_id = $p"), marks $(q "SELECT COUNT(*) FROM training_attendance"), answers $(q "SELECT COUNT(*) FROM training_answer")"
echo "== load: $(uptime)"
base="http://127.0.0.1:$port"
java -Drequests="${REQUESTS:-20}" bench/HttpBench.java "$base" hlj-admin "$GRASSROOTS_DEMO_PASSWORD" \
  "/api/v1/training/programmes/$p/dashboard" "/api/v1/training/classrooms/$c/dashboard" \
  "/api/v1/training/programmes/$p/coverage" "/api/v1/training/hours-shortfalls?regionCode=230000000000&year=2026" \
  "/api/v1/training/people/$person/record"
java -Drequests="${REQUESTS:-20}" bench/HttpBench.java "$base" harbin-admin "$GRASSROOTS_DEMO_PASSWORD" \
  "/api/v1/training/programmes/$p/dashboard" "/api/v1/training/programmes/$p/coverage?regionCode=230100000000"
echo "== load: $(uptime)"
