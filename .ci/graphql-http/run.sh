#!/usr/bin/env bash
# Starts the packaged jar (port 18099) on a scratch database and runs the graphql-http audit against it, as an ADMIN
# client. Needs ./mvnw package first; uses the machine's PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
DB=graphql_users_audit
KEYS=$ROOT/target/audit-keys
PORT=18099
source "$ROOT/.ci/lib.sh"
pid=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    drop_database $DB
}
trap cleanup EXIT
ensure_postgres
fresh_database $DB
make_keys "$KEYS"
[ -d node_modules ] || npm ci --no-audit --no-fund --silent
start_jar "$ROOT" $PORT $DB "$KEYS" "$ROOT/target/audit.log" \
    APP_AUTH_BOOTSTRAP_ADMIN_EMAIL=audit@example.com APP_AUTH_BOOTSTRAP_ADMIN_PASSWORD=audit-admin
pid=$JAR_PID
wait_ready $PORT $pid
node audit.mjs "http://127.0.0.1:$PORT/graphql" "$(login $PORT audit@example.com audit-admin)"
