#!/usr/bin/env bash
# Start-up, side by side: time from launching the JVM to the first GraphQL answer ({ __typename } over POST
# /graphql, polled every 10 ms), for the packaged application as `java -jar` runs it (JDK 17, no options, the
# default fast-jar) and for the peers' Spring for GraphQL server (../shared/bench/servers/spring, its own options),
# started in turn so that both see the machine in the same minutes.
#
#   bench/startup.sh                 # 5 rounds; prints a Markdown table with every start and the medians
#   ROUNDS=9 bench/startup.sh
#
# Environment (defaults): ROUNDS=5, PORT=18120 (ours), SPRING_PORT=5105, SHARED_BENCH=../shared/bench (the peers'
# harness: the Spring jar is built by its setup.sh, which also creates and seeds its database `bench`; without it only
# our figures are printed), JAVA17 (java on the PATH when it is a JDK 17), JAR (default: the fast-jar's
# quarkus-run.jar), EXTRA_JAVA_OPTIONS (ours only, for experiments; none by default). Ours runs against a database of its own that one unmeasured start migrates first, so
# that every measured start, like the peer's, finds its schema in place. Builds the jar when it is missing; uses the
# machine's PostgreSQL; drops its database at exit.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
# shellcheck source=../.ci/lib.sh
source "$ROOT/.ci/lib.sh"

ROUNDS=${ROUNDS:-5}
PORT=${PORT:-18120}
SPRING_PORT=${SPRING_PORT:-5105}
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
JAVA17=${JAVA17:-java}
WORK=$ROOT/target/startup
DB=graphql_users_startup
pid=

die() { echo "startup: $*" >&2; exit 1; }
cleanup() {
    stop_process "$pid"
    drop_database $DB
}
trap cleanup EXIT

"$JAVA17" -version 2>&1 | head -1 | grep -q ' "17[."]' || die "$JAVA17 is not a JDK 17: set JAVA17"
if [ -z "${JAR:-}" ]; then
    app_jar "$ROOT" > /dev/null 2>&1 || (cd "$ROOT" && ./mvnw -B -q -ntp package -DskipTests) || die "no jar"
    JAR=$(app_jar "$ROOT")
fi
SPRING_JAR=$SHARED_BENCH/servers/spring/target/bench-spring.jar
[ -f "$SPRING_JAR" ] || { echo "startup: no $SPRING_JAR (run $SHARED_BENCH/setup.sh): ours only" >&2; SPRING_JAR=; }

rm -rf "$WORK"
mkdir -p "$WORK"
ensure_postgres
fresh_database $DB
make_keys "$WORK/keys"

# first_answer NAME PORT COMMAND...: launches COMMAND in the background, prints the milliseconds until the first
# answer, stops it (SIGTERM, then waits) and leaves its log in $WORK/NAME.log.
first_answer() {
    local name=$1 port=$2 t0 t1 answer
    shift 2
    t0=$(date +%s%N)
    "$@" > "$WORK/$name.log" 2>&1 &
    pid=$!
    while :; do
        answer=$(curl -s --max-time 1 -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' \
            "http://127.0.0.1:$port/graphql" 2> /dev/null || true)
        [ "$answer" = '{"data":{"__typename":"Query"}}' ] && break
        kill -0 "$pid" 2> /dev/null || die "$name exited before answering; see $WORK/$name.log"
        [ $((($(date +%s%N) - t0) / 1000000000)) -lt 120 ] || { stop_process "$pid"; die "$name did not answer within 120 s"; }
        sleep 0.01
    done
    t1=$(date +%s%N)
    stop_process "$pid"
    pid=
    echo $(((t1 - t0) / 1000000))
}
ours() {
    # shellcheck disable=SC2086 # EXTRA_JAVA_OPTIONS is a list of options
    exec env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
        QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused \
        SMALLRYE_JWT_SIGN_KEY_LOCATION="file:$WORK/keys/private.pem" \
        MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/keys/public.pem" QUARKUS_SHUTDOWN_DELAY=0S \
        "$JAVA17" ${EXTRA_JAVA_OPTIONS:-} -jar "$JAR"
}
spring() {
    # As the peers' harness starts it (servers/spring/server.sh).
    cd "$SHARED_BENCH/servers/spring" && exec env SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$SPRING_PORT" \
        SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/bench SPRING_DATASOURCE_USERNAME=bench \
        SPRING_DATASOURCE_PASSWORD=bench SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=10 \
        "$JAVA17" -Xmx512m -jar "$SPRING_JAR"
}
median() { tr ' ' '\n' <<< "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "startup: migrating $DB (unmeasured start)" >&2
first_answer migrate "$PORT" ours > /dev/null
OURS= SPRING= STARTED=
for i in $(seq 1 "$ROUNDS"); do
    OURS="$OURS $(first_answer "ours-$i" "$PORT" ours)"
    STARTED="$STARTED $({ grep -o 'started in [0-9.]*s' "$WORK/ours-$i.log" || echo '?'; } | head -1 | tr -dc '0-9.?')"
    [ -z "$SPRING_JAR" ] || SPRING="$SPRING $(first_answer "spring-$i" "$SPRING_PORT" spring)"
    echo "startup: round $i: ours ${OURS##* } ms${SPRING_JAR:+, Spring ${SPRING##* } ms}" >&2
done
OURS=${OURS# } SPRING=${SPRING# } STARTED=${STARTED# }

m_ours=$(median "$OURS")
echo "| Launch to first answer, JDK 17 \`java -jar\` | median | starts (ms) |"
echo "|---|---|---|"
echo "| graphql-users ($(basename "$JAR")${EXTRA_JAVA_OPTIONS:+, $EXTRA_JAVA_OPTIONS}) | $m_ours ms | $OURS (\"started in\" $STARTED s) |"
if [ -n "$SPRING_JAR" ]; then
    m_spring=$(median "$SPRING")
    echo "| Spring for GraphQL peer | $m_spring ms | $SPRING |"
    echo
    echo "graphql-users / Spring: $(awk -v a="$m_ours" -v b="$m_spring" 'BEGIN { printf "%.2f", a / b }') (target: at most 0.50)," \
        "$ROUNDS rounds, $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$ROOT" rev-parse --short HEAD)"
fi
