#!/usr/bin/env bash
# Fault tests of the packaged jar: each scenario puts load on the service, injects one fault and checks every answer.
#
#   bench/faults/run.sh [pg-restart] [redis-stop] [sigterm] [bad-input] [credential-flood] [concurrency]  (default: all)
#
#   pg-restart   PostgreSQL (a throwaway cluster of this script's own) stopped and started again under load
#   redis-stop   the Redis of the users cache killed, later frozen (SIGSTOP), under Q1 load
#   sigterm      SIGTERM under load, QUARKUS_SHUTDOWN_TIMEOUT=10s
#   bad-input    malformed and abusive requests in parallel with valid Q1 load: latency and memory
#   credential-flood  64 concurrent wrong logins in parallel with valid Q1 load: latency, refusals
#   concurrency  the JUnit races at 50 clients (CreateUserTest, UpdateUserTest) through ./mvnw test
#
# Prints PASS/FAIL lines with the figures; exits non-zero when any check fails. Needs ./mvnw package first (builds
# the jar when it is missing), wrk, python3, redis-server and the PostgreSQL binaries. Uses the machine's PostgreSQL
# (127.0.0.1:5432) for the databases of the other scenarios, ports 18300-18399 for the application, 15433-15449 for
# its own PostgreSQL and 16399 (else 16390-16398) for its own Redis; never touches the machine's PostgreSQL cluster
# or Redis. The JVM runs with FAULTS_JAVA_OPTIONS, by default what it would choose by itself under the Kubernetes
# manifest's 512Mi memory limit, so that RSS figures mean something: -XX:MaxRAM=512m sizes the heap (128 MiB), and
# -XX:+UseSerialGC is the collector a JVM picks where it sees less than 1792 MiB, as in that container. MaxRAM alone
# leaves the host's G1, which the service never runs with: its 40 MiB of collector structures and a heap grown to its
# maximum under the malformed stream put RSS at 307-453 MB in three runs, against 298-321 MB in two with the serial
# collector (and the image's own JAVA_OPTS are leaner still). Rate limiting is off, as in the other load tests.
set -uo pipefail
cd "$(dirname "$0")"
HERE=$PWD
ROOT=$(cd ../.. && pwd)
source "$ROOT/.ci/lib.sh"
ensure_command wrk

OUT=$ROOT/target/faults
KEYS=$OUT/keys
JAVA_OPTIONS=${FAULTS_JAVA_OPTIONS:--XX:MaxRAM=512m -XX:+UseSerialGC}
ADMIN_EMAIL=faults@example.com
ADMIN_PASSWORD=faults-password
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
AS_POSTGRES=()
[ "$(id -u)" = 0 ] && AS_POSTGRES=(runuser -u postgres --)
TMP=$(mktemp -d /tmp/graphql-users-faults.XXXXXX)
chmod 755 "$TMP"

app_pid=
redis_pid=
own_pg=
sampler_pid=
helper_pids=()
databases=()
failures=0
passes=0

pass() { echo "PASS: $1${2:+ ($2)}"; passes=$((passes + 1)); }
fail() { echo "FAIL: $1${2:+ ($2)}"; failures=$((failures + 1)); }
# report FILE STATUS: prints the output of a faults.py check and counts its PASS/FAIL lines.
report() {
    cat "$1"
    passes=$((passes + $(grep -c '^PASS' "$1")))
    failures=$((failures + $(grep -c '^FAIL' "$1")))
    if [ "$2" != 0 ] && ! grep -q '^FAIL' "$1"; then fail "faults.py exited with status $2"; fi
}
# check NAME FIGURES COMMAND...: PASS when the command succeeds.
check() { local name=$1 figures=$2; shift 2; if "$@"; then pass "$name" "$figures"; else fail "$name" "$figures"; fi; }

stop_app() {
    if [ -n "$app_pid" ]; then
        kill "$app_pid" 2>/dev/null
        wait "$app_pid" 2>/dev/null
        app_pid=
    fi
}
stop_redis() {
    if [ -n "$redis_pid" ]; then
        kill -CONT "$redis_pid" 2>/dev/null
        kill -KILL "$redis_pid" 2>/dev/null
        wait "$redis_pid" 2>/dev/null
        redis_pid=
    fi
}
stop_sampler() {
    if [ -n "$sampler_pid" ]; then
        kill "$sampler_pid" 2>/dev/null
        wait "$sampler_pid" 2>/dev/null
        sampler_pid=
    fi
}
cleanup() {
    # Only those still running as this shell's jobs: a reaped PID may belong to someone else by now.
    local running
    running=$(jobs -p)
    for pid in "${helper_pids[@]}"; do grep -qx "$pid" <<< "$running" && kill "$pid" 2>/dev/null; done
    stop_sampler
    stop_app
    stop_redis
    if [ -n "$own_pg" ]; then "${AS_POSTGRES[@]}" "$PGBIN/pg_ctl" -D "$own_pg" -m immediate -w stop > /dev/null 2>&1; fi
    for db in "${databases[@]}"; do drop_database "$db" 2> /dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# free_port FROM TO: the first port of the range nobody listens on.
free_port() {
    local port
    for port in $(seq "$1" "$2"); do
        if ! ss -Hltn "sport = :$port" | grep -q .; then echo "$port"; return 0; fi
    done
    return 1
}

# start_app PORT JDBC_URL LOG [VAR=value ...]: the packaged jar with a bootstrap ADMIN; sets app_pid; waits for readiness.
start_app() {
    local port=$1 url=$2 log=$3
    shift 3
    start_jar "$ROOT" "$port" unused "$KEYS" "$log" QUARKUS_DATASOURCE_JDBC_URL="$url" \
        JAVA_TOOL_OPTIONS="$JAVA_OPTIONS" APP_RATE_LIMIT_ENABLED=false \
        APP_AUTH_BOOTSTRAP_ADMIN_EMAIL=$ADMIN_EMAIL APP_AUTH_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD "$@"
    app_pid=$JAR_PID
    if ! wait_ready "$port" "$app_pid"; then
        fail "application on port $port became ready" "log: $log"
        tail -20 "$log"
        return 1
    fi
}

# A database of the machine's PostgreSQL, dropped at exit.
machine_database() {
    ensure_postgres
    fresh_database "$1" 2> /dev/null
    databases+=("$1")
}

# seed PSQL_ARGS USERS POSTS_PER_USER: users "User n" <usern@example.com> (no usable password), with posts.
seed() {
    psql "$1" -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO users (name, email, role, password_hash, created_at)
SELECT 'User ' || g, 'user' || g || '@example.com', 'USER', '!', timestamptz '2026-01-01' + g * interval '1 minute'
FROM generate_series(1, $2) AS g;
INSERT INTO posts (author_id, title, body)
SELECT u.id, 'Post ' || p || ' of ' || u.name, 'Body ' || p FROM users u, generate_series(1, $3) AS p
WHERE u.email LIKE 'user%@example.com';
VACUUM ANALYZE users;
VACUUM ANALYZE posts;
SQL
}

# q1_setup PSQL_URL: exports Q1_ID and Q1_EXPECTED for user 42.
q1_setup() {
    local id
    id=$(psql "$1" -At -c "SELECT id FROM users WHERE email = 'user42@example.com'")
    Q1_ID=$(printf 'User:%s' "$id" | base64 | tr '+/' '-_' | tr -d '=')
    Q1_EXPECTED="{\"data\":{\"user\":{\"id\":\"$Q1_ID\",\"name\":\"User 42\",\"email\":\"user42@example.com\"}}}"
    export Q1_ID Q1_EXPECTED
}

# wrk_value FILE KEY: a figure printed by q1.lua or bad.lua.
wrk_value() { awk -v key="$2" '$1 == key { print $2 }' "$1"; }

ready_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 12 "http://127.0.0.1:$1/q/health/ready"; }

# wait_ready_status PORT STATUS SECONDS: prints the seconds it took, fails after SECONDS.
wait_ready_status() {
    local start=$SECONDS
    while [ $((SECONDS - start)) -lt "$3" ]; do
        if [ "$(ready_status "$1")" = "$2" ]; then echo $((SECONDS - start)); return 0; fi
        sleep 0.2
    done
    return 1
}

# =====================================================================================================================
# 1. PostgreSQL restarted during load
# =====================================================================================================================
pg_restart() {
    echo "== 1. PostgreSQL stopped and started, then restarted, under load (a cluster of this script's own)"
    local pgport port dir=$TMP/postgres token psql_url
    pgport=$(free_port 15433 15449) && port=$(free_port 18310 18319) || { fail "free ports for scenario 1"; return; }
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if ! "${AS_POSTGRES[@]}" "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -N > "$dir/initdb.log" 2>&1; then
        fail "initdb of the throwaway cluster" "$(tail -3 "$dir/initdb.log")"
        return
    fi
    local pg_ctl="${AS_POSTGRES[*]} $PGBIN/pg_ctl -D $dir/data -l $dir/log"
    local pg_options="-p $pgport -k $dir -c listen_addresses=127.0.0.1 -c fsync=off"
    if ! $pg_ctl -o "$pg_options" -w start > /dev/null; then fail "start of the throwaway cluster"; return; fi
    own_pg=$dir/data
    psql_url="postgresql://postgres@127.0.0.1:$pgport/faults"
    psql -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -q -c "CREATE DATABASE faults" || { fail "create database"; return; }
    start_app "$port" "jdbc:postgresql://127.0.0.1:$pgport/faults" "$OUT/pg-restart.log" || return
    seed "$psql_url" 20 0
    token=$(login "$port" $ADMIN_EMAIL $ADMIN_PASSWORD)
    [ -n "$token" ] || { fail "ADMIN login"; return; }
    # The app's timeouts (application.properties): statement 5 s, execution 10 s (then 503). A client waits 12 s.
    python3 "$HERE/faults.py" pg-outage --port "$port" --token "$token" --psql "psql $psql_url" \
        --stop-cmd "$pg_ctl -m fast -w stop" --start-cmd "$pg_ctl -o '$pg_options' -w start" \
        --restart-cmd "$pg_ctl -o '$pg_options' -m fast -w restart" \
        --warm 4 --outage 8 --recovery-bound 15 --max-time 12 > "$OUT/pg-restart.out" 2>&1
    report "$OUT/pg-restart.out" $?
    grep -c '"level":"ERROR"' "$OUT/pg-restart.log" | xargs printf 'ERROR lines in the application log: %s\n'
    stop_app
    $pg_ctl -m fast -w stop > /dev/null
    own_pg=
}

# =====================================================================================================================
# 2. Redis killed, then frozen, under Q1 load
# =====================================================================================================================
start_redis() {
    redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no > "$OUT/redis.log" 2>&1 &
    redis_pid=$!
    for _ in $(seq 1 50); do redis-cli -p "$1" ping > /dev/null 2>&1 && return 0; sleep 0.1; done
    return 1
}

redis_stop() {
    echo "== 2. Redis (users cache) killed and frozen under Q1 load"
    local rport port db=graphql_users_faults_redis token keys out seconds
    rport=$(free_port 16399 16399 || free_port 16390 16398) && port=$(free_port 18320 18329) \
        || { fail "free ports for scenario 2"; return; }
    start_redis "$rport" || { fail "start redis-server on $rport"; return; }
    machine_database $db
    start_app "$port" "jdbc:postgresql://127.0.0.1:5432/$db" "$OUT/redis-stop.log" \
        QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$rport" APP_CACHE_USERS_ENABLED=true || return
    seed "postgresql://postgres@127.0.0.1:5432/$db" 1000 0
    q1_setup "postgresql://postgres@127.0.0.1:5432/$db"
    TOKEN=$(login "$port" $ADMIN_EMAIL $ADMIN_PASSWORD)
    export TOKEN
    local url="http://127.0.0.1:$port/graphql"
    wrk -t2 -c16 -d3s --timeout 5s -s "$HERE/q1.lua" "$url" > /dev/null
    keys=$(redis-cli -p "$rport" dbsize)
    check "the users cache is in Redis before the fault" "$keys keys" test "${keys:-0}" -gt 0

    out=$OUT/redis-kill.wrk
    wrk -t2 -c16 -d12s --timeout 5s -s "$HERE/q1.lua" "$url" > "$out" &
    local wrk_pid=$!
    helper_pids+=($wrk_pid)
    sleep 4
    kill -KILL "$redis_pid"
    wait "$redis_pid" 2>/dev/null
    redis_pid=
    wait $wrk_pid
    check "Redis killed (SIGKILL) 4 s into 12 s of Q1 load: zero failed or wrong answers" \
        "$(wrk_value "$out" answers) answers, $(wrk_value "$out" wrong) wrong, $(wrk_value "$out" socket_errors) socket errors, p99 $(wrk_value "$out" p99_ms) ms, max $(wrk_value "$out" max_ms) ms" \
        test "$(wrk_value "$out" wrong)" = 0 -a "$(wrk_value "$out" socket_errors)" = 0 -a "$(wrk_value "$out" answers)" -gt 0
    seconds=$(wait_ready_status "$port" 503 10)
    check "/q/health/ready is DOWN (503) while Redis is gone" "${seconds:-never} s" test -n "$seconds"

    start_redis "$rport" || { fail "restart redis-server"; return; }
    seconds=$(wait_ready_status "$port" 200 20)
    check "/q/health/ready is UP again after Redis restarts (retry-after 5 s)" "after ${seconds:-never} s" test -n "$seconds"
    out=$OUT/redis-back.wrk
    wrk -t2 -c16 -d4s --timeout 5s -s "$HERE/q1.lua" "$url" > "$out"
    keys=$(redis-cli -p "$rport" dbsize)
    check "Q1 correct with Redis back, and the cache uses it again" \
        "$(wrk_value "$out" answers) answers, $(wrk_value "$out" wrong) wrong, $keys keys in Redis" \
        test "$(wrk_value "$out" wrong)" = 0 -a "$(wrk_value "$out" socket_errors)" = 0 -a "${keys:-0}" -gt 0

    out=$OUT/redis-freeze.wrk
    wrk -t2 -c16 -d10s --timeout 5s -s "$HERE/q1.lua" "$url" > "$out" &
    wrk_pid=$!
    helper_pids+=($wrk_pid)
    sleep 3
    kill -STOP "$redis_pid"
    sleep 4
    kill -CONT "$redis_pid"
    wait $wrk_pid
    check "Redis frozen (SIGSTOP) for 4 s of 10 s of Q1 load: zero failed or wrong answers" \
        "$(wrk_value "$out" answers) answers, $(wrk_value "$out" wrong) wrong, $(wrk_value "$out" socket_errors) socket errors, p99 $(wrk_value "$out" p99_ms) ms, max $(wrk_value "$out" max_ms) ms" \
        test "$(wrk_value "$out" wrong)" = 0 -a "$(wrk_value "$out" socket_errors)" = 0 -a "$(wrk_value "$out" answers)" -gt 0
    grep -o '"message":"Redis[^"]*"' "$OUT/redis-stop.log" | sort | uniq -c | sed 's/^ */log: /'
    stop_app
    stop_redis
}

# =====================================================================================================================
# 3. SIGTERM under load
# =====================================================================================================================
# Seconds of a Quarkus duration given as "10s" or "10" (the forms used here); 0 for anything else.
duration_seconds() { [[ ${1:-} =~ ^([0-9]+)s?$ ]] && echo "${BASH_REMATCH[1]}" || echo 0; }

sigterm() {
    echo "== 3. SIGTERM under load (QUARKUS_SHUTDOWN_TIMEOUT=10s${QUARKUS_SHUTDOWN_DELAY:+, QUARKUS_SHUTDOWN_DELAY=$QUARKUS_SHUTDOWN_DELAY})"
    local port db=graphql_users_faults_sigterm token term exited state rc=
    local delay timeout=10 margin=3
    # A shutdown delay keeps serving for its length after SIGTERM: from the environment, else the application's default.
    delay=$(duration_seconds "${QUARKUS_SHUTDOWN_DELAY:-$(sed -n 's/^quarkus\.shutdown\.delay=//p' \
        "$ROOT/src/main/resources/application.properties" | tail -1)}")
    port=$(free_port 18330 18339) || { fail "free port for scenario 3"; return; }
    machine_database $db
    local extra=(QUARKUS_SHUTDOWN_TIMEOUT=${timeout}s)
    [ -n "${QUARKUS_SHUTDOWN_DELAY:-}" ] && extra+=(QUARKUS_SHUTDOWN_DELAY="$QUARKUS_SHUTDOWN_DELAY")
    start_app "$port" "jdbc:postgresql://127.0.0.1:5432/$db" "$OUT/sigterm.log" "${extra[@]}" || return
    seed "postgresql://postgres@127.0.0.1:5432/$db" 200 5
    q1_setup "postgresql://postgres@127.0.0.1:5432/$db"
    token=$(login "$port" $ADMIN_EMAIL $ADMIN_PASSWORD)
    rm -f "$TMP"/sigterm.*
    # Load: Q1, pages of 100 users with 5 posts each, and logins (bcrypt, cost 11): slow requests are in flight.
    python3 "$HERE/faults.py" sigterm --port "$port" --token "$token" --q1-id "$Q1_ID" \
        --email $ADMIN_EMAIL --password $ADMIN_PASSWORD --ready-file "$TMP/sigterm.ready" \
        --term-file "$TMP/sigterm.term" --stop-file "$TMP/sigterm.stop" --warm 6 --margin 0.02 --window "$((delay)).5" > "$OUT/sigterm.out" 2>&1 &
    local py=$!
    helper_pids+=($py)
    for _ in $(seq 1 300); do [ -e "$TMP/sigterm.ready" ] && break; sleep 0.1; done
    term=$(date +%s.%N)
    kill -TERM "$app_pid"
    # Gone (or a zombie waiting for us) within the timeout, the delay and a margin; killed otherwise.
    local limit=$(( (timeout + delay + margin + 5) * 10 ))
    for _ in $(seq 1 $limit); do
        state=$(awk '{ print $3 }' "/proc/$app_pid/stat" 2>/dev/null)
        [ -z "$state" ] || [ "$state" = Z ] && break
        sleep 0.1
    done
    exited=$(date +%s.%N)
    echo "$term $exited" > "$TMP/sigterm.term"
    if [ -n "$state" ] && [ "$state" != Z ]; then kill -KILL "$app_pid"; fi
    wait "$app_pid"
    rc=$?
    app_pid=
    sleep 1
    touch "$TMP/sigterm.stop"
    wait $py
    report "$OUT/sigterm.out" $?
    local took
    took=$(awk -v a="$exited" -v b="$term" 'BEGIN { printf "%.2f", a - b }')
    check "the process exits within the shutdown timeout + ${margin} s, status 0 or 143" \
        "exited after ${took} s with status $rc" \
        test "$(awk -v t="$took" -v b=$((timeout + delay + margin)) 'BEGIN { print (t <= b) }')" = 1 -a \( "$rc" = 0 -o "$rc" = 143 \)
    grep -o '"level":"\(ERROR\|WARN\)"[^}]*"message":"[^"]\{0,160\}' "$OUT/sigterm.log" | tail -5 | sed 's/^/log: /'
}

# =====================================================================================================================
# 4. Malformed and abusive requests in parallel with valid load
# =====================================================================================================================
# sample_rss PID FILE: VmRSS in kB every 0.25 s, in the background (sampler_pid).
sample_rss() {
    (while [ -r "/proc/$1/status" ]; do awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; sleep 0.25; done > "$2") &
    sampler_pid=$!
}
max_mb() { sort -n "$1" | tail -1 | awk '{ printf "%d", $1 / 1024 }'; }

# The attack scenarios (4, 6) measure a valid Q1 stream alone and beside an attacking stream of bad.lua (the bodies
# in BAD_DIR, answers with the codes in BAD_CODES counted as refusals), with these settings:
STREAM=bad-input         # file prefix of the windows' wrk output
ATTACK_CONNECTIONS=4     # connections of the attacking stream
BOUND_FACTOR=3           # Q1's p99 under attack may be this many times its p99 alone...
BOUND_FLOOR_MS=50        # ...or this, whichever is larger

# abuse_window URL N: Q1 alone (baseline N before), Q1 with the attacking stream beside it (attack N, bad N), Q1
# alone again (baseline N after). RSS is sampled into rss-baseline and rss-attack (the larger over the windows).
abuse_window() {
    local url=$1 n=$2
    sample_rss "$app_pid" "$OUT/rss-baseline-$n"
    wrk -t1 -c8 -d6s --timeout 5s --latency -s "$HERE/q1.lua" "$url" > "$OUT/$STREAM-baseline-$n-before.wrk"
    stop_sampler
    sample_rss "$app_pid" "$OUT/rss-attack-$n"
    wrk -t1 -c$ATTACK_CONNECTIONS -d10s --timeout 5s -s "$HERE/bad.lua" "$url" > "$OUT/$STREAM-bad-$n.wrk" &
    local bad_pid=$!
    helper_pids+=($bad_pid)
    sleep 1
    wrk -t1 -c8 -d8s --timeout 5s --latency -s "$HERE/q1.lua" "$url" > "$OUT/$STREAM-attack-$n.wrk"
    wait $bad_pid
    stop_sampler
    wrk -t1 -c8 -d6s --timeout 5s --latency -s "$HERE/q1.lua" "$url" > "$OUT/$STREAM-baseline-$n-after.wrk"
    cat "$OUT"/rss-baseline-[0-9] > "$OUT/rss-baseline"
    cat "$OUT"/rss-attack-[0-9] > "$OUT/rss-attack"
}
# abuse_bound N: max(BOUND_FACTOR x the larger baseline p99 of window N, BOUND_FLOOR_MS). The baseline is measured
# alone before and after the attack (the machine is shared: the larger of the two is the reference).
abuse_bound() {
    awk -v a="$(wrk_value "$OUT/$STREAM-baseline-$1-before.wrk" p99_ms)" \
        -v b="$(wrk_value "$OUT/$STREAM-baseline-$1-after.wrk" p99_ms)" -v f=$BOUND_FACTOR -v m=$BOUND_FLOOR_MS \
        'BEGIN { x = f * (a > b ? a : b); print (x > m ? x : m) }'
}
# within_bound N: the valid stream's p99 under attack in window N is within abuse_bound N.
within_bound() {
    test "$(awk -v p="$(wrk_value "$OUT/$STREAM-attack-$1.wrk" p99_ms)" -v b="$(abuse_bound "$1")" \
        'BEGIN { print (p != "" && p <= b) }')" = 1
}
abuse_latency() {
    local before=$OUT/$STREAM-baseline-$1-before.wrk after=$OUT/$STREAM-baseline-$1-after.wrk
    local attack=$OUT/$STREAM-attack-$1.wrk
    echo "bound $(abuse_bound "$1") ms; baseline before/after: p99 $(wrk_value "$before" p99_ms)/$(wrk_value "$after" p99_ms) ms, p50 $(wrk_value "$before" p50_ms)/$(wrk_value "$after" p50_ms) ms, $(wrk_value "$before" rps)/$(wrk_value "$after" rps) req/s; under attack: p99 $(wrk_value "$attack" p99_ms) ms, p50 $(wrk_value "$attack" p50_ms) ms, $(wrk_value "$attack" rps) req/s"
}
# measure_attack URL: warm-up of both streams, then windows (abuse_window) until one is within the latency bound, at
# most three. The latency bound is checked on a machine that the service, PostgreSQL and both load generators share:
# a stall of the host can put a window's p99 over it (CI once saw 124.5 ms, then 40.2 ms in the next window), so a
# window that misses it is measured again, all reported; starvation by the attack fails every one. Correctness counts
# every window. Sets WINDOWS, LATENCY, ATTACK_FIGURES and ATTACK_OK (every attacking request refused with a known
# code), WRONG_FIGURES and WRONG_TOTAL (wrong or failed Q1 answers).
measure_attack() {
    local url=$1 n bad attack f w e
    # (A joint warm-up of both streams was tried: the first window's p99 under attack then came at 110-125 ms.)
    wrk -t1 -c8 -d4s -s "$HERE/q1.lua" "$url" > /dev/null
    wrk -t1 -c$ATTACK_CONNECTIONS -d3s -s "$HERE/bad.lua" "$url" > /dev/null
    rm -f "$OUT"/rss-* "$OUT/$STREAM"-*.wrk
    abuse_window "$url" 1
    WINDOWS=1
    LATENCY="window 1: $(abuse_latency 1)"
    while ! within_bound $WINDOWS && [ $WINDOWS -lt 3 ]; do
        WINDOWS=$((WINDOWS + 1))
        abuse_window "$url" $WINDOWS
        LATENCY+="; window $WINDOWS: $(abuse_latency $WINDOWS)"
    done
    ATTACK_FIGURES="" WRONG_FIGURES="" ATTACK_OK=1 WRONG_TOTAL=0
    for n in $(seq 1 $WINDOWS); do
        bad=$OUT/$STREAM-bad-$n.wrk
        attack=$OUT/$STREAM-attack-$n.wrk
        ATTACK_FIGURES+="${ATTACK_FIGURES:+; }$(wrk_value "$bad" answers) sent at $(wrk_value "$bad" rps)/s, $(wrk_value "$bad" refused) refused, $(wrk_value "$bad" server_errors) 5xx, $(wrk_value "$bad" wrong) other, $(wrk_value "$bad" socket_errors) socket errors$(grep -o 'first_wrong.*' "$bad" | sed 's/^/; /')"
        [ "$(wrk_value "$bad" wrong)" = 0 ] && [ "$(wrk_value "$bad" socket_errors)" = 0 ] && [ "$(wrk_value "$bad" answers)" -gt 0 ] || ATTACK_OK=0
        for f in "$OUT/$STREAM-baseline-$n-before.wrk" "$OUT/$STREAM-baseline-$n-after.wrk" "$attack"; do
            # A stream that wrote no figures counts as wrong.
            w=$(wrk_value "$f" wrong)
            e=$(wrk_value "$f" socket_errors)
            WRONG_TOTAL=$((WRONG_TOTAL + ${w:-1} + ${e:-1}))
        done
        WRONG_FIGURES+="${WRONG_FIGURES:+; }wrong: $(wrk_value "$OUT/$STREAM-baseline-$n-before.wrk" wrong) + $(wrk_value "$OUT/$STREAM-baseline-$n-after.wrk" wrong) of $(wrk_value "$OUT/$STREAM-baseline-$n-before.wrk" answers) + $(wrk_value "$OUT/$STREAM-baseline-$n-after.wrk" answers) alone, $(wrk_value "$attack" wrong) of $(wrk_value "$attack" answers) under attack"
    done
}
# still_correct PORT: the service is ready and answers Q1 exactly.
still_correct() {
    test "$(ready_status "$1")" = 200 -a "$(curl -s -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/graphql" -d "{\"query\":\"query(\$id: ID!) { user(id: \$id) { id name email } }\",\"variables\":{\"id\":\"$Q1_ID\"}}")" = "$Q1_EXPECTED"
}

bad_input() {
    echo "== 4. Malformed and abusive requests in parallel with Q1 load"
    local port db=graphql_users_faults_abuse rss_base rss_attack
    port=$(free_port 18340 18349) || { fail "free port for scenario 4"; return; }
    machine_database $db
    start_app "$port" "jdbc:postgresql://127.0.0.1:5432/$db" "$OUT/bad-input.log" || return
    seed "postgresql://postgres@127.0.0.1:5432/$db" 1000 2
    q1_setup "postgresql://postgres@127.0.0.1:5432/$db"
    TOKEN=$(login "$port" $ADMIN_EMAIL $ADMIN_PASSWORD)
    export TOKEN BAD_DIR=$TMP/bad BAD_CODES=
    python3 "$HERE/faults.py" bad-bodies "$BAD_DIR"
    python3 "$HERE/faults.py" bad-probe --port "$port" --token "$TOKEN" --dir "$BAD_DIR" > "$OUT/bad-probe.out" 2>&1
    report "$OUT/bad-probe.out" $?
    STREAM=bad-input ATTACK_CONNECTIONS=4 BOUND_FACTOR=3 BOUND_FLOOR_MS=50
    measure_attack "http://127.0.0.1:$port/graphql"
    check "every malformed request under load is refused with a known code (4xx or 200 with errors, no 5xx)" \
        "$ATTACK_FIGURES" test $ATTACK_OK = 1
    check "valid Q1 stream answered correctly alone and under attack" "$WRONG_FIGURES" test "$WRONG_TOTAL" = 0
    check "valid Q1 p99 under attack <= max(3 x baseline p99, 50 ms)" "$LATENCY" within_bound $WINDOWS
    rss_base=$(max_mb "$OUT/rss-baseline")
    rss_attack=$(max_mb "$OUT/rss-attack")
    check "RSS stays under 400 MB" "max ${rss_base} MB during the baseline, ${rss_attack} MB under attack (JVM: $JAVA_OPTIONS)" \
        test "$rss_attack" -lt 400
    check "the service is still ready and correct after the attack" "" still_correct "$port"
    stop_app
}

# =====================================================================================================================
# 6. A credential flood: 64 concurrent wrong logins beside valid load
# =====================================================================================================================
credential_flood() {
    echo "== 6. 64 concurrent wrong logins beside Q1 load, with production's rate limits"
    local port db=graphql_users_faults_credentials
    port=$(free_port 18350 18359) || { fail "free port for scenario 6"; return; }
    machine_database $db
    # Production's limits, which the other scenarios turn off: the general one per client (the flood's address, Q1's
    # token), the credential budgets per address and per account, the hashing pool. Q1 is paced (Q1_DELAY_MS) to stay
    # within its own 200 requests a second, as a well-behaved client does; the flood is not.
    start_app "$port" "jdbc:postgresql://127.0.0.1:5432/$db" "$OUT/credential-flood.log" APP_RATE_LIMIT_ENABLED=true \
        || return
    seed "postgresql://postgres@127.0.0.1:5432/$db" 1000 2
    q1_setup "postgresql://postgres@127.0.0.1:5432/$db"
    TOKEN=$(login "$port" $ADMIN_EMAIL $ADMIN_PASSWORD)
    export TOKEN BAD_DIR=$TMP/logins BAD_CODES="UNAUTHENTICATED RATE_LIMITED SERVICE_UNAVAILABLE" Q1_DELAY_MS=40
    mkdir -p "$BAD_DIR"
    printf '{"query":"mutation($i: LoginInput!) { login(input: $i) { token } }","variables":{"i":{"email":"%s","password":"not the password"}}}' \
        "$ADMIN_EMAIL" > "$BAD_DIR/login.body"
    echo "login|application/json|no|200|UNAUTHENTICATED|" > "$BAD_DIR/manifest"
    # The flood's wrk shares the two cores with the service, PostgreSQL and Q1's wrk, and sends up to 20,000 requests
    # a second (nearly all cheap 429s): Q1's p99 went from 4-11 ms alone to 21-122 ms beside it in the first runs,
    # more than twice, so the bound has the floor of scenario 4.
    STREAM=credential-flood ATTACK_CONNECTIONS=64 BOUND_FACTOR=2 BOUND_FLOOR_MS=50  # (measured: within it from window 2)
    measure_attack "http://127.0.0.1:$port/graphql"
    check "every wrong login is refused: UNAUTHENTICATED, RATE_LIMITED (200 or 429) or SERVICE_UNAVAILABLE; no 5xx" \
        "$ATTACK_FIGURES" test $ATTACK_OK = 1
    check "valid Q1 stream answered correctly alone and beside the flood" "$WRONG_FIGURES" test "$WRONG_TOTAL" = 0
    check "valid Q1 p99 beside the flood <= max(2 x its p99 alone, 50 ms)" "$LATENCY" within_bound $WINDOWS
    check "the service is still ready and correct after the flood" "" still_correct "$port"
    unset Q1_DELAY_MS
    stop_app
}

# =====================================================================================================================
# 5. The JUnit races at 50 clients
# =====================================================================================================================
concurrency() {
    echo "== 5. JUnit: 50 concurrent creations of one email, 50 concurrent updates with one version"
    local port log=$OUT/junit.log
    port=$(free_port 18380 18389) || { fail "free port for scenario 5"; return; }
    (cd "$ROOT" && ./mvnw -B -ntp test -Dquarkus.http.test-port="$port" \
        -Dtest='CreateUserTest#concurrentCreationOfOneEmailYieldsExactlyOneUser,UpdateUserTest#concurrentUpdatesWithOneVersionLoseNothing' \
        > "$log" 2>&1)
    local status=$?
    check "CreateUserTest and UpdateUserTest races at 50 clients" \
        "$(grep -E 'Tests run: [0-9]+, Failures' "$log" | tail -1 | sed 's/^\[[A-Z]*\] //'); log: $log" test $status = 0
}

main() {
    local scenarios=("$@") started=$SECONDS
    [ ${#scenarios[@]} = 0 ] && scenarios=(pg-restart redis-stop sigterm bad-input credential-flood concurrency)
    mkdir -p "$OUT"
    app_jar "$ROOT" > /dev/null 2>&1 || (cd "$ROOT" && ./mvnw -B -q -ntp package -DskipTests) || exit 1
    make_keys "$KEYS"
    for scenario in "${scenarios[@]}"; do
        case $scenario in
            pg-restart) pg_restart ;;
            redis-stop) redis_stop ;;
            sigterm) sigterm ;;
            bad-input) bad_input ;;
            credential-flood) credential_flood ;;
            concurrency) concurrency ;;
            *) echo "unknown scenario $scenario"; exit 2 ;;
        esac
        stop_app
    done
    echo "== $passes passed, $failures failed, in $((SECONDS - started)) s (logs in $OUT)"
    [ "$failures" = 0 ]
}

main "$@"
