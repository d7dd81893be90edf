# Shared by the scripts that run the packaged jar (CI checks and benchmarks). Source it; it defines functions only.

# Starts the machine's PostgreSQL (127.0.0.1:5432, trust auth) if it is down.
ensure_postgres() {
    if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
        for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    fi
}

# ensure_command COMMAND [PACKAGE]: installs the Debian package (named like the command unless given) when the command
# is missing, so a fresh machine runs every script; apt's lists are refreshed first, as a new machine has none.
ensure_command() {
    command -v "$1" > /dev/null && return 0
    echo "installing ${2:-$1} (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${2:-$1}" > /dev/null
    command -v "$1" > /dev/null
}

# stop_process PID: stops a process this script started, by its PID, and reaps it; nothing when PID is empty.
stop_process() {
    [ -n "${1:-}" ] || return 0
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

# fresh_database NAME: drops and creates it.
fresh_database() {
    psql -h 127.0.0.1 -U postgres -d postgres -q -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
}

drop_database() {
    psql -h 127.0.0.1 -U postgres -d postgres -q -c "DROP DATABASE IF EXISTS $1" || true
}

# make_keys DIR: an RSA key pair for tokens, as a Kubernetes Secret would mount it (private.pem, public.pem).
make_keys() {
    mkdir -p "$1"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1/private.pem" 2>/dev/null
    openssl pkey -in "$1/private.pem" -pubout -out "$1/public.pem"
}

# java_has_flag JAVA FLAG: whether that JVM knows the -XX option FLAG.
java_has_flag() {
    "$1" -XX:+PrintFlagsFinal -version 2> /dev/null | grep -q " $2 "
}

# aot_java: the newest JVM under /usr/lib/jvm that writes AOT caches (-XX:AOTCacheOutput, JDK 25+), or nothing.
aot_java() {
    local home found=
    for home in $(ls -d /usr/lib/jvm/*/ 2> /dev/null | sort -V); do
        if java_has_flag "${home%/}/bin/java" AOTCacheOutput; then found=${home%/}/bin/java; fi
    done
    echo "$found"
}

# small_replica_opts ROOT JAVA: the JVM options of the JVM image (Dockerfile.jvm's JAVA_OPTS: a small replica), less
# the -XX options this JVM does not know (JDK 17 lacks UseCompactObjectHeaders).
small_replica_opts() {
    local opt name kept=()
    for opt in $(sed -n 's/^ *JAVA_OPTS="\([^"]*\)".*/\1/p' "$1/src/main/docker/Dockerfile.jvm"); do
        name=${opt#-XX:}
        name=${name#[+-]}
        if [[ $opt != -XX:* ]] || java_has_flag "$2" "${name%%=*}"; then kept+=("$opt"); fi
    done
    echo "${kept[*]}"
}

# app_jar ROOT: the packaged application as ./mvnw package builds it, Quarkus's fast-jar
# target/quarkus-app/quarkus-run.jar (the rest of target/quarkus-app beside it).
app_jar() {
    if [ ! -f "$1/target/quarkus-app/quarkus-run.jar" ]; then
        echo "no packaged application in $1/target/quarkus-app: run ./mvnw package" >&2
        return 1
    fi
    echo "$1/target/quarkus-app/quarkus-run.jar"
}

# image_jar ROOT: the layout Dockerfile.jvm copies, target/<name>-runner.jar with its libraries in target/lib, built
# by ./mvnw package -Pimage (built here when missing, or older than the compiled classes). Every class is on the JVM's
# class path, so a JDK 25 AOT cache can hold them (application.properties, "Packaging").
image_jar() {
    local jars=("$1"/target/*-runner.jar)
    if [ ! -f "${jars[0]}" ] || [ ! -d "$1/target/lib" ] ||
        [ -n "$(find "$1/target/classes" -newer "${jars[0]}" -print -quit 2>/dev/null)" ]; then
        (cd "$1" && ./mvnw -B -q -ntp package -DskipTests -Pimage) >&2 || return 1
        jars=("$1"/target/*-runner.jar)
    fi
    echo "${jars[0]}"
}

# start_jar ROOT PORT DATABASE KEYS LOG [VAR=value ...]: starts the packaged jar in the background with a datasource,
# token keys and the extra environment given; sets JAR_PID. Call wait_ready PORT afterwards. The JVM is $JAVA (java on
# the PATH by default), its options come from $JAVA_OPTS (none by default), the jar is $APP_JAR (default: app_jar).
start_jar() {
    local root=$1 port=$2 database=$3 keys=$4 log=$5 jar
    shift 5
    jar=${APP_JAR:-$(app_jar "$root")} || return 1
    env QUARKUS_HTTP_PORT="$port" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
        QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused \
        SMALLRYE_JWT_SIGN_KEY_LOCATION="file:$keys/private.pem" MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$keys/public.pem" \
        "$@" "${JAVA:-java}" ${JAVA_OPTS:-} -jar "$jar" > "$log" 2>&1 &
    JAR_PID=$!
}

# wait_ready PORT [PID]: waits up to a minute for readiness; fails early when PID has exited.
wait_ready() {
    for _ in $(seq 1 60); do
        curl -fs "http://127.0.0.1:$1/q/health/ready" > /dev/null && return 0
        if [ -n "${2:-}" ] && ! kill -0 "$2" 2>/dev/null; then return 1; fi
        sleep 1
    done
    return 1
}

# login PORT EMAIL PASSWORD: prints a token.
login() {
    curl -s -H 'Content-Type: application/json' "http://127.0.0.1:$1/graphql" \
        -d "{\"query\":\"mutation { login(input: {email: \\\"$2\\\", password: \\\"$3\\\"}) { token } }\"}" \
        | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
