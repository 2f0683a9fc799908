#!/usr/bin/env bash
# The measures module's figures, over HTTP, on the demo data (Ningxia's mechanism, 37 measures).
#   bench/measures.sh h2          embedded H2 in a temporary data directory
#   bench/measures.sh postgres    a temporary database on 127.0.0.1:5432 (user postgres)
# Prints: the first start under demo until health UP and how long the measures demo took of it;
# the mechanism's measure list and dashboard as the coordinating unit (nx-social) and the desk
# API's equivalent (the measure list as the member unit nx-civil), 5 runs of 100 requests, median
# of the run medians; the daily status-and-notice job by hand, twice (the second run the same day
# must change nothing). The issue's scale (100 mechanisms, 10,000 measures, 600,000 reports) is
# generated and measured by bench/measures-scale.sh: see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-h2}"
port="${BENCH_PORT:-8083}"
work="$(mktemp -d "$PWD/target/measures-bench.XXXXXX")"
pgdb="gr_measures_bench_$$"
. bench/lib.sh
bench_package
bench_database
t0=$(date +%s%N)
bench_start -Xmx512m -jar "$fatjar" --server.port="$port" --grassroots.data-dir="$work/data" "${db_args[@]}" \
  --logging.level.cn.grassroots.measures=INFO
echo "== $db: first start under demo until health UP: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
grep -o "Measures demo loaded.*" "$work/app.log" || true
base="http://127.0.0.1:$port"
auth=(-u "nx-social:$GRASSROOTS_DEMO_PASSWORD")
mech=$(curl -sf "${auth[@]}" "$base/api/v1/mechanisms?size=100" | python3 -c 'import json,sys; print([m["id"] for m in json.load(sys.stdin)["content"] if m["name"].startswith("宁夏")][0])')
echo "== $db: request latency (ms)"
java bench/HttpBench.java "$base" nx-social "$GRASSROOTS_DEMO_PASSWORD" \
  "/api/v1/mechanisms/$mech/measures?size=100" "/api/v1/mechanisms/$mech/dashboard"
java bench/HttpBench.java "$base" nx-civil "$GRASSROOTS_DEMO_PASSWORD" "/api/v1/mechanisms/$mech/measures?size=100"
echo "== $db: daily status-and-notice job, run twice"
for i in 1 2; do
  curl -sf -u "sys-admin:$GRASSROOTS_DEMO_PASSWORD" -X POST -w ' %{time_total}s\n' "$base/api/v1/measures/daily-run"
done
