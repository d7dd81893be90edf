#!/usr/bin/env bash
# Writes a JDK AOT cache for the packaged application (JDK 25 or newer; JEP 483 and 514): a training run starts the
# application, and when it stops the JVM stores every class it loaded, parsed and linked in one file. Started with
# -XX:AOTCache=FILE, the application maps those classes instead of loading them again, which cuts start-up by more
# than half (README: Benchmark). Used by Dockerfile.jvm, bench/run.sh and .ci/run.
#
#   src/main/docker/aot-train.sh APP_JAR CACHE_FILE
#
# The cache is only valid for this JVM build, this jar and class path, and these JVM options: the training runs with
# $JAVA_OPTS, which must be the production run's (the collector and object header layout are part of the cache; heap
# and code-cache sizes are not). When anything differs the JVM warns and starts without the cache, so a stale cache
# costs start-up time, never correctness.
#
# With QUARKUS_DATASOURCE_JDBC_URL (and _USERNAME, _PASSWORD) set, the training runs against that database as a real
# start would (Flyway migrates it), waits for readiness and sends one query, so the classes of connecting and
# migrating are cached too. Without it (a docker build has no database) it starts against none and stops when
# start-up has ended; the cache then lacks those classes and start-up gains somewhat less. Token keys are the
# environment's (SMALLRYE_JWT_SIGN_KEY_LOCATION, MP_JWT_VERIFY_PUBLICKEY_LOCATION), else a throwaway pair made here
# with openssl and deleted at exit: production refuses to start without keys.
#
# Environment: JAVA (default: java on the PATH), JAVA_OPTS, AOT_TRAINING_PORT (default 18099, loopback only).
set -euo pipefail

if [ $# != 2 ]; then
    echo "usage: $0 APP_JAR CACHE_FILE" >&2
    exit 2
fi
jar=$1
cache=$2
java=${JAVA:-java}
port=${AOT_TRAINING_PORT:-18099}

supported=$("$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -c ' AOTCacheOutput ' || true)
if [ "$supported" = 0 ]; then
    echo "aot-train: $java has no -XX:AOTCacheOutput (JDK 25 or newer is needed): $("$java" -version 2>&1 | head -1)" >&2
    exit 1
fi

work=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${SMALLRYE_JWT_SIGN_KEY_LOCATION:-}" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private.pem" 2>/dev/null
    openssl pkey -in "$work/private.pem" -pubout -out "$work/public.pem"
    export SMALLRYE_JWT_SIGN_KEY_LOCATION="file:$work/private.pem"
    export MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$work/public.pem"
fi

database=yes
if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
    database=
    # Nothing listens on port 1: connections are refused at once, and start-up carries on with warnings.
    export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:1/none
    export QUARKUS_DATASOURCE_USERNAME=none QUARKUS_DATASOURCE_PASSWORD=none
    export QUARKUS_FLYWAY_MIGRATE_AT_START=false
fi

rm -f "$cache"
log=$work/training.log
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port QUARKUS_SHUTDOWN_DELAY=0S \
    "$java" ${JAVA_OPTS:-} -XX:AOTCacheOutput="$cache" -jar "$jar" > "$log" 2>&1 &
pid=$!

started=
for _ in $(seq 1 600); do
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "aot-train: the application exited during the training run:" >&2
        tail -20 "$log" >&2
        exit 1
    fi
    if grep -q 'started in' "$log"; then
        started=yes
        break
    fi
    sleep 0.2
done
[ -n "$started" ] || {
    echo "aot-train: the application did not start within 2 minutes" >&2
    exit 1
}

if [ -n "$database" ]; then
    # Readiness, then one query through the whole HTTP and GraphQL path.
    exec 3<> "/dev/tcp/127.0.0.1/$port"
    printf 'GET /q/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    head -1 <&3 | grep -q ' 200 ' || echo "aot-train: the application is not ready; training on anyway" >&2
    exec 3<&-
    body='{"query":"{ __typename }"}'
    exec 3<> "/dev/tcp/127.0.0.1/$port"
    printf 'POST /graphql HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
        "${#body}" "$body" >&3
    cat <&3 > "$work/answer.txt"
    exec 3<&-
    grep -q '"__typename":"Query"' "$work/answer.txt" || echo "aot-train: the training query failed; training on anyway" >&2
fi

# The cache is assembled when the JVM exits (in a second JVM it starts for that, which takes a while).
kill -TERM "$pid"
wait "$pid" || true
pid=
if [ ! -s "$cache" ]; then
    echo "aot-train: no cache was written:" >&2
    tail -20 "$log" >&2
    exit 1
fi
echo "aot-train: wrote $cache ($(du -h "$cache" | cut -f1)) with $("$java" -version 2>&1 | head -1), JAVA_OPTS=${JAVA_OPTS:-}"
