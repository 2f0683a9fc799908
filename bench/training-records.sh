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
mvn -q -B -ntp -o -DskipTests package
jar="$(ls target/grassroots-*.jar | grep -v original | head -n1)"
work="$(mktemp -d "$PWD/target/training-records-bench.XXXXXX")"
pgdb="gr_training_records_bench_$$"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export GRASSROOTS_DEMO_PASSWORD='Bench-Demo-1'
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $pgdb" >/dev/null
SPRING_PROFILES_ACTIVE=demo java -Xmx768m -jar "$jar" --server.port="$port" --grassroots.data-dir="$work/data" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$pgdb" --spring.datasource.username=postgres \
  --spring.datasource.password= > "$work/app.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; do
  sleep 0.2
  kill -0 "$pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
done
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
