#!/usr/bin/env bash
# The surveys benchmark (docs/benchmarks.md, section Surveys), over HTTP, on 2 cores, in a 512 MB heap.
#   bench/surveys.sh h2          embedded H2 in a temporary data directory
#   bench/surveys.sh postgres    a temporary database on 127.0.0.1:5432 (user postgres); adds the COPY floor
#   BENCH_RESPONSES=339000 (default); BENCH_RUNS=5 (default) runs of the import, the exports and the text analysis
# Prints: the import of N generated responses (validated, all or nothing), statistics, cross-tabs,
# rankings and the summary (median of 5), and the server's heap and resident memory afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-h2}"
port="${BENCH_PORT:-18081}"
n="${BENCH_RESPONSES:-339000}"

mvn -q -B -ntp -DskipTests package
fatjar="$(ls target/grassroots-*.jar | grep -v original | head -n1)"
work="$(mktemp -d /tmp/grassroots-surveys-bench.XXXXXX)"
pgdb="grassroots_surveys_bench_$$"
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
# 339,000 responses make a CSV of about 90 MB: the upload limit is raised for this run.
SPRING_PROFILES_ACTIVE=demo java -Xmx512m -jar "$jar" --server.port="$port" --grassroots.data-dir="$work/data" \
  --spring.servlet.multipart.max-file-size=200MB --spring.servlet.multipart.max-request-size=200MB \
  "${args[@]}" > "$work/app.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; do
  sleep 0.2
  kill -0 "$pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
done
echo "== surveys on $db, $n responses (machine shared with other builds: figures under load)"
java -Xmx2g -cp "$work/app/lib/*" bench/SurveyBench.java "http://127.0.0.1:$port" hlj-admin "$GRASSROOTS_DEMO_PASSWORD" "$n" "$work"
if [ "$db" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -d "$pgdb" -qc "CREATE TABLE copy_floor (token text, role text, region text, submitted_at text, $(for i in $(seq -w 1 30); do printf 'q%s text, ' "$i"; done) problems text, top3 text, open1 text, open2 text)"
  t0=$(date +%s%N)
  psql -h 127.0.0.1 -U postgres -d "$pgdb" -qc "\\copy copy_floor FROM '$work/responses.csv' WITH (FORMAT csv, HEADER true)"
  t1=$(date +%s%N)
  echo "COPY of the same file into one table of text columns (the floor): $(( (t1 - t0) / 1000000 )) ms"
fi
grep -o 'survey \(import\|export\|text analysis\) job.*' "$work/app.log" || true
echo "heap: $(jcmd "$pid" GC.heap_info 2>/dev/null | grep -i 'garbage-first heap' | head -n1 || true)"
echo "resident memory of the server: $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
