#!/usr/bin/env bash
# The JVM image's start-up path, without Docker (no engine here): builds the image's layout (-Pimage) and lays it out
# as Dockerfile.jvm does, runs its AOT training step with its JAVA_OPTS on JDK 25, then starts the application as its
# ENTRYPOINT does, but with -XX:AOTMode=on, which refuses to start when the cache cannot be used; checks a query and
# the image's HEALTHCHECK command. Uses the machine's PostgreSQL and a throwaway database.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

PORT=${AOT_PORT:-18081}
DB=graphql_users_aot
DOCKERFILE=src/main/docker/Dockerfile.jvm
WORK=target/aot-check
pid=

fail() {
    echo "FAIL: $*"
    tail -30 "$WORK/app.log" 2> /dev/null || true
    exit 1
}
cleanup() {
    stop_process "$pid"
    drop_database $DB
}
trap cleanup EXIT

JAVA=$(aot_java)
[ -n "$JAVA" ] || fail "no JDK 25 or newer under /usr/lib/jvm (the image's JVM is JDK 25)"
"$JAVA" -version 2>&1 | head -1

JAVA_OPTS=$(small_replica_opts "$PWD" "$JAVA")
[ -n "$JAVA_OPTS" ] || fail "no JAVA_OPTS in $DOCKERFILE"
export JAVA JAVA_OPTS

# The image's layout (./mvnw package -Pimage, as Dockerfile.jvm's comment says), not the default fast-jar.
jar=$(image_jar "$PWD") || fail "could not build the image's layout (./mvnw package -Pimage)"
rm -rf "$WORK"
mkdir -p "$WORK/deployments"
cp -r target/lib "$WORK/deployments/lib"
cp "$jar" "$WORK/deployments/app.jar"
app=$PWD/$WORK/deployments

src/main/docker/aot-train.sh "$app/app.jar" "$app/app.aot"

ensure_postgres
fresh_database $DB
make_keys "$PWD/$WORK/keys"
env QUARKUS_HTTP_PORT="$PORT" QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused \
    SMALLRYE_JWT_SIGN_KEY_LOCATION="file:$PWD/$WORK/keys/private.pem" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PWD/$WORK/keys/public.pem" \
    /bin/sh -c "exec \"$JAVA\" $JAVA_OPTS -XX:AOTMode=on -XX:AOTCache=$app/app.aot -Dquarkus.http.host=127.0.0.1 -jar $app/app.jar" \
    > "$WORK/app.log" 2>&1 &
pid=$!
wait_ready "$PORT" "$pid" || fail "the application did not start with the AOT cache"
echo "started with the AOT cache: $(grep -o 'started in [0-9.]*s' "$WORK/app.log" | head -1)"

answer=$(curl -s -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/graphql" -d '{"query":"{ __typename }"}')
[ "$answer" = '{"data":{"__typename":"Query"}}' ] || fail "unexpected answer: $answer"

# The HEALTHCHECK's command, as the image runs it (exec form: bash -c '...'), pointed at this port.
check=$(sed -n "s/.*CMD \[\"bash\", \"-c\", \"\(.*\)\"\]$/\1/p" $DOCKERFILE | sed 's/\\\\/\\/g; s/8080/'"$PORT"'/')
[ -n "$check" ] || fail "no HEALTHCHECK command found in $DOCKERFILE"
bash -c "$check" || fail "the HEALTHCHECK command fails against a ready application"
echo "OK: AOT cache trained as in the image, used (-XX:AOTMode=on), query and HEALTHCHECK answer"
