#!/usr/bin/env bash
# The production jar must run against a configured PostgreSQL, start no embedded database, seed nothing, serve no
# GraphQL UI, refuse to start without token keys, and create the bootstrap ADMIN from the environment. Uses the
# machine's PostgreSQL (127.0.0.1:5432, trust auth), started here if it is down.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${SMOKE_PORT:-18080}
DB=graphql_users_smoke
KEYS=target/smoke-keys
LOG=target/smoke-jar.log
pid=

source .ci/lib.sh
ensure_postgres
fresh_database $DB

cleanup() {
    stop_process "$pid"
    drop_database $DB
}
trap cleanup EXIT

fail() { echo "FAIL: $*"; cat "$LOG" 2>/dev/null | tail -40; exit 1; }

if find target/quarkus-app -name '*.jar' | grep -qi zonky; then
    fail "the packaged application contains the embedded PostgreSQL"
fi

export QUARKUS_HTTP_PORT=$PORT
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB
export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused

# 1. No keys: start-up must fail, naming the missing setting.
if timeout 60 java -jar "$(app_jar "$PWD")" > "$LOG" 2>&1; then
    fail "the jar started without token keys"
fi
grep -q "No token signing key: set SMALLRYE_JWT_SIGN_KEY_LOCATION" "$LOG" || fail "no clear message about the missing key"

# 2. With keys (as a Kubernetes Secret would mount them) and a bootstrap ADMIN.
make_keys "$PWD/$KEYS"
start_jar "$PWD" "$PORT" $DB "$PWD/$KEYS" "$LOG" \
    APP_AUTH_BOOTSTRAP_ADMIN_EMAIL=root@example.com APP_AUTH_BOOTSTRAP_ADMIN_PASSWORD='smoke test secret'
pid=$JAR_PID
wait_ready "$PORT" "$pid" || fail "the jar did not become ready"

gql() { curl -s -H 'Content-Type: application/json' ${2:+-H "Authorization: Bearer $2"} "http://127.0.0.1:$PORT/graphql" -d "$1"; }
expect() { [ "$1" = "$2" ] || fail "expected $2, got $1"; }

expect "$(gql '{"query":"{ users { totalCount } }"}')" \
    '{"errors":[{"message":"Authentication required","locations":[{"line":1,"column":3}],"path":["users"],"extensions":{"code":"UNAUTHENTICATED"}}],"data":null}'
token=$(login "$PORT" root@example.com 'smoke test secret')
[ -n "$token" ] || fail "the bootstrap ADMIN could not log in"
expect "$(gql '{"query":"{ users { totalCount } }"}' "$token")" '{"data":{"users":{"totalCount":1}}}'
expect "$(gql '{"query":"mutation { createUser(input: {name: \"Smoke\", email: \"smoke@example.com\", password: \"12345678\"}) { user { name } } }"}' "$token")" \
    '{"data":{"createUser":{"user":{"name":"Smoke"}}}}'
expect "$(psql -h 127.0.0.1 -U postgres -d $DB -tA -c 'SELECT count(*) FROM users')" 2
expect "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/graphql-ui/")" 404
headers=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -H 'Origin: https://elsewhere.example' \
    "http://127.0.0.1:$PORT/graphql" -d '{"query":"{ __typename }"}')
echo "$headers" | grep -qi '^X-Content-Type-Options: nosniff' || fail "no security headers in production"
if echo "$headers" | grep -qi '^Access-Control-Allow-Origin'; then fail "CORS is open in production"; fi
expect "$(gql '{"query":"{ __schema { queryType { name } } }"}' "$token")" '{"data":{"__schema":{"queryType":{"name":"Query"}}}}'
# The schema is the ADMINs' in production: introspection and the SDL alike.
expect "$(gql '{"query":"{ __schema { queryType { name } } }"}' | jq -r '.errors[0].extensions.code')" UNAUTHENTICATED
expect "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/graphql/schema.graphql")" 401
expect "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$PORT/graphql/schema.graphql")" 200
if grep -qiE "embedded|smoke test secret|\\\$2a\\\$" "$LOG"; then
    fail "the log mentions an embedded database, the password or a password hash"
fi
echo "Packaged jar smoke test: OK"
