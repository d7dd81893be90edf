#!/usr/bin/env bash
# Q1 (one user by id) with the users cache off, in process, and in Redis, on the packaged jar against the
# dataset of shared/bench/dataset.md. wrk -t1 -c16, 5 s warm-up, 15 s measured; every answer is
# checked (the "wrong answers" line must say 0). Needs ./mvnw package and wrk; uses the machine's PostgreSQL and a
# redis-server of its own on port 16398.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
DB=graphql_users_bench_cache
KEYS=$ROOT/target/bench-keys
PORT=18095
pid=
redis_pid=
source "$ROOT/.ci/lib.sh"
ensure_command wrk
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
    drop_database $DB
}
trap cleanup EXIT

ensure_postgres
fresh_database $DB
make_keys "$KEYS"
redis-server --port 16398 --bind 127.0.0.1 --save "" --appendonly no > /dev/null 2>&1 &
redis_pid=$!

start() {
    start_jar "$ROOT" $PORT $DB "$KEYS" "$ROOT/target/bench-cache.log" QUARKUS_REDIS_HOSTS="$2" \
        APP_CACHE_USERS_ENABLED="$1" APP_RATE_LIMIT_ENABLED=false
    pid=$JAR_PID
    wait_ready $PORT "$pid"
}

# The first start creates the schema; then the dataset goes in (bench/dataset.sql, shared with bench/run.sh).
start true ""
psql -h 127.0.0.1 -U postgres -d $DB -q -v ON_ERROR_STOP=1 -f ../dataset.sql > /dev/null
kill "$pid"; wait "$pid" 2>/dev/null || true

gql() { curl -s -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/graphql" -d "$1"; }
for mode in "off:false:" "in-process:true:" "redis:true:redis://127.0.0.1:16398"; do
    IFS=: read -r label enabled redis <<< "$mode"
    [ "$label" = redis ] && redis="redis://127.0.0.1:16398"
    start "$enabled" "$redis"
    # Q1 reads an email, which only ADMINs see: a client signs up, is promoted, and logs in as a client would.
    gql '{"query":"mutation { signUp(input: {name: \"Bench\", email: \"bench-'"$label"'@example.com\", password: \"bench-password\"}) { token } }"}' > /dev/null
    psql -h 127.0.0.1 -U postgres -d $DB -q -c "UPDATE users SET role = 'ADMIN' WHERE email = 'bench-$label@example.com'"
    export TOKEN
    TOKEN=$(login $PORT "bench-$label@example.com" bench-password)
    wrk -t1 -c16 -d5s -s q1.lua "http://127.0.0.1:$PORT/graphql" > /dev/null
    echo "== users cache $label"
    wrk -t1 -c16 -d15s --latency -s q1.lua "http://127.0.0.1:$PORT/graphql" | grep -E "Requests/sec|50%|99%|wrong answers"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    pid=
done
