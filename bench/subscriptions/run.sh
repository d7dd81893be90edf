#!/usr/bin/env bash
# Starts the packaged application twice (two replicas, ports 18081 and 18082) on one PostgreSQL database and runs
# measure.mjs: every post created through replica A must reach subscribers on A and on B. Prints the delivery
# latency. Needs ./mvnw package first; uses the machine's PostgreSQL (127.0.0.1:5432), started if it is down.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
DB=graphql_users_replicas
KEYS=$ROOT/target/replica-keys
EVENTS=${EVENTS:-300}
pids=()

source "$ROOT/.ci/lib.sh"
ensure_postgres
fresh_database $DB
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    drop_database $DB
}
trap cleanup EXIT

make_keys "$KEYS"
[ -d node_modules ] || npm ci --no-audit --no-fund --silent

for port in 18081 18082; do
    start_jar "$ROOT" $port $DB "$KEYS" "$ROOT/target/replica-$port.log" \
        APP_AUTH_BOOTSTRAP_ADMIN_EMAIL=replicas@example.com APP_AUTH_BOOTSTRAP_ADMIN_PASSWORD=replica-check
    pids+=("$JAR_PID")
    # One after the other: the first migrates the schema and creates the ADMIN.
    wait_ready $port "$JAR_PID"
done
node measure.mjs http://127.0.0.1:18081 http://127.0.0.1:18082 replicas@example.com replica-check "$EVENTS"
