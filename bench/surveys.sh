#!/usr/bin/env bash
# The surveys benchmark (docs/benchmarks.md, section Surveys), over HTTP, on 2 cores, in a 512 MB heap.
#   bench/surveys.sh h2          embedded H2 in a temporary data directory
#   bench/surveys.sh postgres    a temporary database on 127.0.0.1:5432 (user postgres); adds the COPY floor
#   BENCH_RESPONSES=339000 (default); BENCH_RUNS=5 (default) runs of the import, the exports and the text analysis
#   BENCH_TOKENS=none: the file without tokens (paper questionnaires); by default every row carries a link's token
# Prints: the import of N generated responses (validated, all or nothing), statistics, cross-tabs,
# rankings and the summary (median of 5), and the server's heap and resident memory afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-h2}"
port="${BENCH_PORT:-18081}"
n="${BENCH_RESPONSES:-339000}"

work="$(mktemp -d /tmp/grassroots-surveys-bench.XXXXXX)"
pgdb="grassroots_surveys_bench_$$"
. bench/lib.sh
bench_package
java -Djarmode=tools -jar "$fatjar" extract --destination "$work/app" >/dev/null
bench_database
# 339,000 responses make a CSV of about 55 MB: the upload limit is raised for this run.
bench_start -Xmx512m -jar "$work/app/$(basename "$fatjar")" --server.port="$port" --grassroots.data-dir="$work/data" \
  --spring.servlet.multipart.max-file-size=200MB --spring.servlet.multipart.max-request-size=200MB "${db_args[@]}"
echo "== surveys on $db, $n responses ($(date -u +%FT%TZ); load average: $(cut -d' ' -f1-3 /proc/loadavg))"
java -Xmx2g -cp "$work/app/lib/*" bench/SurveyBench.java "http://127.0.0.1:$port" hlj-admin "$GRASSROOTS_DEMO_PASSWORD" "$n" "$work"
if [ "$db" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -d "$pgdb" -qc "CREATE TABLE copy_floor (token text, role text, region text, submitted_at text, $(for i in $(seq -w 1 30); do printf 'q%s text, ' "$i"; done) problems text, top3 text, open1 text, open2 text)"
  t0=$(date +%s%N)
  psql -h 127.0.0.1 -U postgres -d "$pgdb" -qc "\\copy copy_floor FROM '$work/responses.csv' WITH (FORMAT csv, HEADER true)"
  t1=$(date +%s%N)
  echo "COPY of the same file into one table of text columns (the floor): $(( (t1 - t0) / 1000000 )) ms"
fi
grep -o 'survey \(import\|export\|text analysis\) job.*' "$work/app.log" || true
bench_memory
