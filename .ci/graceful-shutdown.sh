#!/usr/bin/env bash
# Graceful shutdown of the packaged jar (port 18097) with a subscriber connected: bench/subscriptions/shutdown.mjs
# sends SIGTERM and checks readiness, requests and events during the delay, `complete` + 1001 for the subscriber and
# refusal afterwards; this script checks that the process exits cleanly (status 0, or 143 for SIGTERM) within the
# delay + timeout it was given. Needs ./mvnw package first; uses the machine's PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DB=graphql_users_shutdown
KEYS=$ROOT/target/shutdown-keys
PORT=18097
DELAY=3
TIMEOUT=10
source .ci/lib.sh
pid=
cleanup() {
    stop_process "$pid"
    drop_database $DB
}
trap cleanup EXIT
ensure_postgres
fresh_database $DB
make_keys "$KEYS"
(cd bench/subscriptions && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; })
start_jar "$ROOT" $PORT $DB "$KEYS" "$ROOT/target/shutdown.log" \
    QUARKUS_SHUTDOWN_DELAY=${DELAY}s QUARKUS_SHUTDOWN_TIMEOUT=${TIMEOUT}s \
    APP_AUTH_BOOTSTRAP_ADMIN_EMAIL=shutdown@example.com APP_AUTH_BOOTSTRAP_ADMIN_PASSWORD=shutdown-check
pid=$JAR_PID
wait_ready $PORT $pid
started=$(date +%s.%N)
node bench/subscriptions/shutdown.mjs "http://127.0.0.1:$PORT" shutdown@example.com shutdown-check $pid &
checks=$!
status=0
wait $pid || status=$?
stopped=$(date +%s.%N)
pid=
wait $checks
took=$(python3 -c "print(f'{$stopped - $started:.1f}')")
echo "exit status $status after ${took} s (delay ${DELAY} s, timeout ${TIMEOUT} s)"
if [ "$status" != 0 ] && [ "$status" != 143 ]; then
    echo "FAIL: unexpected exit status"; exit 1
fi
python3 -c "import sys; sys.exit(0 if $took < $DELAY + $TIMEOUT + 5 else 1)" || { echo "FAIL: too slow"; exit 1; }
