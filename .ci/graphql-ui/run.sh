#!/usr/bin/env bash
# The GraphQL UI as a new user meets it: ./mvnw quarkus:dev (embedded PostgreSQL, seeded accounts) on port 18098, then
# headless Chromium (Debian's, driven by playwright-core) opens /q/graphql-ui, reads the documentation explorer, logs
# in, puts the token in the Headers tab and runs a typed query (ui.mjs). The screenshot is kept in target/.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
PORT=18098
LOG=$ROOT/target/graphql-ui-dev.log
source "$ROOT/.ci/lib.sh"
ensure_command chromium
[ -d node_modules ] || npm ci --no-audit --no-fund --silent
mkdir -p "$ROOT/target"

dev=
stop_dev() {
    [ -n "$dev" ] || return 0
    # Maven and the dev-mode JVM it forks share the process group setsid gave them; SIGTERM lets the JVM stop its
    # embedded PostgreSQL on the way out.
    kill -TERM -- "-$dev" 2> /dev/null || true
    for _ in $(seq 1 60); do kill -0 -- "-$dev" 2> /dev/null || break; sleep 1; done
    kill -KILL -- "-$dev" 2> /dev/null || true
}
trap stop_dev EXIT
(cd "$ROOT" && exec setsid ./mvnw -B -ntp quarkus:dev -Dquarkus.http.port=$PORT -Dquarkus.console.enabled=false \
    -Ddebug=false > "$LOG" 2>&1) &
dev=$!
for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" = 200 ] && break
    if ! kill -0 "$dev" 2> /dev/null; then echo "dev mode exited; its log:"; tail -40 "$LOG"; exit 1; fi
    sleep 1
done
if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" != 200 ]; then
    echo "dev mode was not ready within 300 s; its log:"; tail -40 "$LOG"; exit 1
fi
node ui.mjs "http://127.0.0.1:$PORT" "$ROOT/target/graphql-ui.png"
