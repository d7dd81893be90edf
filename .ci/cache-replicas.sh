#!/usr/bin/env bash
# Two replicas of the packaged jar on one database see each other's cache evictions: once with a shared Redis (a
# redis-server of this script's own, on port 16399) and once without Redis (in-process caches, evicted through
# PostgreSQL LISTEN/NOTIFY). A user is read on replica A (cached there), renamed through replica B, and must read
# renamed on A. Needs ./mvnw package first.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=graphql_users_cache_replicas
KEYS=target/cache-keys
REDIS_PORT=16399
pids=()
redis_pid=

fail() { echo "FAIL: $*"; tail -30 target/cache-replica-*.log; exit 1; }
stop_replicas() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
cleanup() {
    stop_replicas
    if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; fi
    drop_database $DB
}
trap cleanup EXIT
source .ci/lib.sh
ensure_postgres
make_keys "$PWD/$KEYS"
redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no > target/cache-redis.log 2>&1 &
redis_pid=$!

gql() {
    curl -s -H 'Content-Type: application/json' -H "Authorization: Bearer $token" "http://127.0.0.1:$1/graphql" -d "$2"
}

start_replicas() {
    fresh_database $DB
    for port in 18091 18092; do
        start_jar "$PWD" $port $DB "$PWD/$KEYS" "target/cache-replica-$port.log" QUARKUS_REDIS_HOSTS="$1" \
            APP_AUTH_BOOTSTRAP_ADMIN_EMAIL=cache@example.com APP_AUTH_BOOTSTRAP_ADMIN_PASSWORD=cache-check
        pids+=("$JAR_PID")
        wait_ready $port "$JAR_PID" || fail "replica $port did not become ready"
    done
    token=$(login 18091 cache@example.com cache-check)
    [ -n "$token" ] || fail "login failed"
}

check() {
    local mode=$1 id name
    id=$(gql 18091 '{"query":"{ me { id } }"}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    [ "$(gql 18091 "{\"query\":\"{ user(id: \\\"$id\\\") { name } }\"}")" = '{"data":{"user":{"name":"Administrator"}}}' ] \
        || fail "$mode: first read"
    gql 18092 "{\"query\":\"mutation { updateUser(input: {id: \\\"$id\\\", name: \\\"Renamed on B\\\"}) { user { name } } }\"}" \
        > /dev/null
    for _ in $(seq 1 20); do
        name=$(gql 18091 "{\"query\":\"{ user(id: \\\"$id\\\") { name } }\"}")
        [ "$name" = '{"data":{"user":{"name":"Renamed on B"}}}' ] && { echo "$mode: replica A sees the rename made on B"; return; }
        sleep 0.1
    done
    fail "$mode: replica A still serves $name"
}

start_replicas "redis://127.0.0.1:$REDIS_PORT"
check "shared Redis"
stop_replicas
start_replicas ""
check "in-process caches"
echo "Cache across replicas: OK"
