# shellcheck shell=bash
# Sourced by the bench scripts: packaging the jar, a throwaway PostgreSQL database, starting the
# server and waiting for health UP, stopping it, and cleaning up on exit.
# The caller sets before sourcing: db (h2|postgres), port, work (a temporary directory), pgdb.
# BENCH_SKIP_PACKAGE=1 uses the jar in target/ as it is.
pid=""
export GRASSROOTS_DEMO_PASSWORD='Bench-Demo-1'

# Builds the jar (unless BENCH_SKIP_PACKAGE) and sets fatjar to it.
bench_package() {
  [ -n "${BENCH_SKIP_PACKAGE:-}" ] || mvn -q -B -ntp -DskipTests package
  fatjar="$(ls target/grassroots-*.jar | grep -v original | head -n1)"
}

# Sets db_args: on postgres, creates the temporary database and points the server at it.
bench_database() {
  db_args=()
  if [ "$db" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $pgdb" >/dev/null
    db_args=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$pgdb"
      --spring.datasource.username=postgres --spring.datasource.password=)
  fi
}

# bench_start <java arguments…>: starts the server under the demo profile, logging to $work/app.log,
# and returns once it reports health UP (or exits with its log if it died).
# The server's JVM options as README.md's production section gives them (the parallel collector:
# on 2 cores G1's concurrent marking and barriers took about a third of a bulk import's CPU).
server_jvm=(-XX:+UseParallelGC)

bench_start() {
  SPRING_PROFILES_ACTIVE=demo java "${server_jvm[@]}" "$@" > "$work/app.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    sleep 0.1
    kill -0 "$pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  done
}

bench_stop() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi
}

bench_cleanup() {
  bench_stop
  if [ "$db" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap bench_cleanup EXIT

# The server's heap and resident memory, for the figures' "afterwards" line.
bench_memory() {
  echo "heap: $(jcmd "$pid" GC.heap_info 2>/dev/null | grep -i 'garbage-first heap' | head -n1 || true)"
  echo "resident memory of the server: $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
}
