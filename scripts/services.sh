#!/usr/bin/env bash
# Real services for the test suite: PostgreSQL, Elasticsearch, stripe-mock and
# SeaweedFS's S3 gateway, on 127.0.0.1 only, with throwaway data.
#
#   scripts/services.sh start    install what is missing, start, wait, then print
#                                `export NAME=value` lines for `eval`
#   scripts/services.sh start-s3 the same for SeaweedFS's S3 gateway (build-s3: build it only)
#   scripts/services.sh stop     stop them and delete their data
#   scripts/services.sh status   say what runs
#
# A service whose URL is already in the environment (DATABASE_URL,
# ELASTICSEARCH_URL, STRIPE_API_BASE, S3_ENDPOINT_URL) is used as it is and not started.
# Everything but the export lines goes to stderr. Any service that does not
# come up makes `start` exit non-zero: never a silent skip.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Under /tmp so the unprivileged service user can reach it wherever the clone is.
STATE_DIR="${SERVICES_DIR:-/tmp/chonongsan-services}"
CACHE_DIR="${SERVICES_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/chonongsan}"

PG_PORT="${PG_PORT:-54329}"
ES_VERSION="8.19.21"
ES_PORT="${ES_PORT:-19200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-19300}"
ES_HEAP="${ES_HEAP:-1g}"
ES_ZIP_URL="https://repo1.maven.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
STRIPE_MOCK_VERSION="v0.203.0"
STRIPE_MOCK_PORT="${STRIPE_MOCK_PORT:-12111}"
REDIS_PORT="${REDIS_PORT:-16379}"
SEAWEEDFS_VERSION="v0.0.0-20261109003541-7506e5f91cd6"
S3_PORT="${S3_PORT:-18333}"
S3_ACCESS_KEY="chonongsan-test"
S3_SECRET_KEY="chonongsan-test-secret"
S3_MEDIA_BUCKET="chonongsan-media"  # anyone may read it
S3_BUCKETS="$S3_MEDIA_BUCKET chonongsan-private"
# PostgreSQL and Elasticsearch refuse to run as root; as root we run them as this user.
SERVICE_USER="${SERVICE_USER:-chonongsan}"

log() { echo "[services] $*" >&2; }
die() { echo "[services] ERROR: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

as_service_user() {
    if is_root; then
        runuser -u "$SERVICE_USER" -- "$@"
    else
        "$@"
    fi
}

stop_pidfile() {  # stop_pidfile FILE [SECONDS]: SIGTERM (requests in flight finish), wait, SIGKILL
    local pidfile="$1" seconds="${2:-20}" pid
    [ -f "$pidfile" ] || return 0
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq $((seconds * 2))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
}

ensure_service_user() {
    is_root || return 0
    id "$SERVICE_USER" >/dev/null 2>&1 || useradd --system --create-home --shell /usr/sbin/nologin "$SERVICE_USER"
}

APT_UPDATED=""
apt_install() {
    is_root || die "missing $* and not root: install it with apt-get install $*"
    if [ -z "$APT_UPDATED" ]; then
        log "apt-get update"
        apt-get update -qq >&2
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
    local seconds="$1" what="$2"
    shift 2
    for _ in $(seq "$seconds"); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 1
    done
    die "$what did not come up within ${seconds}s"
}

# --- PostgreSQL (Debian package) -------------------------------------------

pg_bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    [ -n "$dir" ] && echo "$dir"
}

start_postgres() {
    if [ -n "${DATABASE_URL:-}" ]; then
        log "PostgreSQL: using DATABASE_URL from the environment"
        return
    fi
    local bindir
    bindir="$(pg_bindir)" || { apt_install postgresql; bindir="$(pg_bindir)"; }
    local data="$STATE_DIR/postgres/data" run="$STATE_DIR/postgres/run"
    mkdir -p "$data" "$run"
    is_root && chown -R "$SERVICE_USER" "$STATE_DIR/postgres"
    chmod 700 "$data"
    if [ ! -f "$data/PG_VERSION" ]; then
        as_service_user "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_service_user "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        log "PostgreSQL: starting on 127.0.0.1:$PG_PORT"
        # Durability off for the tests (their data is thrown away); the stack keeps it.
        local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        [ "${PG_DURABLE:-0}" = 1 ] && durability=""
        as_service_user "$bindir/pg_ctl" -D "$data" -l "$STATE_DIR/postgres/postgres.log" -w -t 60 start \
            -o "-p $PG_PORT -k $run -c listen_addresses=127.0.0.1 $durability ${PG_OPTIONS:-}" >/dev/null \
            || { tail -20 "$STATE_DIR/postgres/postgres.log" >&2; die "PostgreSQL did not start"; }
    fi
    wait_for 30 "PostgreSQL" "$bindir/pg_isready" -h 127.0.0.1 -p "$PG_PORT"
    "$bindir/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='chonongsan'" | grep -q 1 \
        || "$bindir/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres chonongsan
    DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/chonongsan"
    log "PostgreSQL: up ($("$bindir/postgres" --version))"
}

stop_postgres() {
    local bindir data="$STATE_DIR/postgres/data"
    [ -f "$data/PG_VERSION" ] || return 0
    bindir="$(pg_bindir)" || return 0
    as_service_user "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# --- Elasticsearch (Maven Central) -----------------------------------------

ensure_java() {
    command -v java >/dev/null && command -v javac >/dev/null || apt_install openjdk-17-jdk-headless
}

download_elasticsearch() {
    local zip="$CACHE_DIR/elasticsearch-$ES_VERSION.zip"
    if [ ! -f "$zip" ]; then
        mkdir -p "$CACHE_DIR"
        log "Elasticsearch: downloading $ES_VERSION from Maven Central"
        curl -fsSL --retry 3 -o "$zip.part" "$ES_ZIP_URL" || die "could not download $ES_ZIP_URL"
        local expected actual
        expected="$(curl -fsSL --retry 3 "$ES_ZIP_URL.sha1" | cut -c1-40)"
        actual="$(sha1sum "$zip.part" | cut -c1-40)"
        [ "$expected" = "$actual" ] || die "checksum mismatch for $ES_ZIP_URL"
        mv "$zip.part" "$zip"
    fi
    echo "$zip"
}

# The minimal official distribution lacks the analysis-common module; our small
# stable plugin registers Lucene's ASCII folding and n-gram components under
# the same names, so the mappings written for a full cluster work here too.
install_analysis_plugin() {  # install_analysis_plugin ES_HOME NODE_DIR
    local home="$1" src="$ROOT/scripts/elasticsearch/analysis-plugin"
    local build="$2/plugin-build" dest="$home/plugins/chonongsan-analysis"
    rm -rf "$build" && mkdir -p "$build/classes" "$dest"
    javac --release 17 -nowarn -cp "$home/lib/*" -d "$build/classes" $(find "$src/src" -name '*.java') >&2
    jar cf "$dest/chonongsan-analysis.jar" -C "$build/classes" .
    cp "$src/named_components.json" "$dest/"
    sed "s/@ES_VERSION@/$ES_VERSION/" "$src/stable-plugin-descriptor.properties.in" >"$dest/stable-plugin-descriptor.properties"
}

elasticsearch_analyzes() {  # elasticsearch_analyzes HTTP_PORT
    curl -fsS -XPOST "http://127.0.0.1:$1/_analyze" -H 'Content-Type: application/json' \
        -d '{"tokenizer":"standard","filter":["lowercase","asciifolding",{"type":"edge_ngram","min_gram":2,"max_gram":10}],"text":"Xoài Đồng"}' \
        | grep -q '"token":"xoai"' || return 1
    curl -fsS -XPOST "http://127.0.0.1:$1/_analyze" -H 'Content-Type: application/json' \
        -d '{"tokenizer":"standard","filter":["lowercase","asciifolding"],"text":"Đồng Tháp"}' \
        | grep -q '"token":"dong"'
}

# elasticsearch_node_start NAME HTTP_PORT TRANSPORT_PORT CLUSTER_YAML: a node of its
# own under $STATE_DIR/NAME, set up afresh unless it runs (or is still starting).
elasticsearch_node_start() {
    local name="$1" http_port="$2" transport_port="$3" cluster="$4"
    local dir="$STATE_DIR/$name" home="$STATE_DIR/$name/elasticsearch-$ES_VERSION"
    if curl -fsS "http://127.0.0.1:$http_port/" >/dev/null 2>&1 || elasticsearch_running "$name"; then
        return 0
    fi
    ensure_java
    # ES_REUSE=1: a node set up before (stopped by a fault drill) restarts with its data.
    if [ "${ES_REUSE:-0}" != 1 ] || [ ! -f "$home/config/elasticsearch.yml" ]; then
        elasticsearch_node_setup "$name" "$http_port" "$transport_port" "$cluster"
    fi
    log "Elasticsearch: starting $name ($ES_VERSION) on 127.0.0.1:$http_port"
    local java_home
    java_home="${ES_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
    # A session of its own, no stdin: the node outlives whatever started it (a test run).
    as_service_user setsid env ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" ES_TMPDIR="$dir/tmp" \
        "$home/bin/elasticsearch" -d -p "$dir/elasticsearch.pid" \
        </dev/null >"$dir/logs/stdout.log" 2>&1 || { tail -30 "$dir/logs/stdout.log" >&2; die "Elasticsearch $name did not start"; }
}

elasticsearch_node_setup() {  # same arguments as elasticsearch_node_start
    local name="$1" http_port="$2" transport_port="$3" cluster="$4"
    local dir="$STATE_DIR/$name" home="$STATE_DIR/$name/elasticsearch-$ES_VERSION"
    local zip
    zip="$(download_elasticsearch)"
    rm -rf "$dir" && mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
    unzip -q "$zip" -d "$dir"
    install_analysis_plugin "$home" "$dir"
    cat >"$home/config/elasticsearch.yml" <<EOF
node.name: $name
path.data: $dir/data
path.logs: $dir/logs
network.host: 127.0.0.1
http.port: $http_port
transport.port: $transport_port
xpack.security.enabled: false
action.destructive_requires_name: false
# A nearly full disk must not turn the indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
$cluster
EOF
    is_root && chown -R "$SERVICE_USER" "$dir"
}

start_elasticsearch() {
    if [ -n "${ELASTICSEARCH_URL:-}" ]; then
        log "Elasticsearch: using ELASTICSEARCH_URL from the environment"
        return
    fi
    elasticsearch_node_start elasticsearch "$ES_PORT" "$ES_TRANSPORT_PORT" \
        "cluster.name: chonongsan-test
discovery.type: single-node"
    wait_for 120 "Elasticsearch" curl -fsS "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s"
    elasticsearch_analyzes "$ES_PORT" || die "Elasticsearch is up but asciifolding/edge_ngram analysis does not work"
    ELASTICSEARCH_URL="http://127.0.0.1:$ES_PORT"
    log "Elasticsearch: up, asciifolding and edge_ngram analysis verified"
}

elasticsearch_running() {  # elasticsearch_running NAME
    local pidfile="$STATE_DIR/$1/elasticsearch.pid"
    [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

elasticsearch_node_stop() {  # elasticsearch_node_stop NAME
    local pidfile="$STATE_DIR/$1/elasticsearch.pid"
    # a node frozen by a fault test stops only once thawed
    [ -f "$pidfile" ] && kill -CONT "$(cat "$pidfile")" 2>/dev/null || true
    stop_pidfile "$pidfile" 30
}

stop_elasticsearch() {
    elasticsearch_node_stop elasticsearch
}

# --- stripe-mock (Go module proxy) -----------------------------------------

start_stripe_mock() {
    if [ -n "${STRIPE_API_BASE:-}" ]; then
        log "stripe-mock: using STRIPE_API_BASE from the environment"
        return
    fi
    local bin="$CACHE_DIR/bin/stripe-mock-$STRIPE_MOCK_VERSION" dir="$STATE_DIR/stripe-mock"
    if [ ! -x "$bin" ]; then
        command -v go >/dev/null || apt_install golang-go
        log "stripe-mock: go install github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION"
        mkdir -p "$CACHE_DIR/bin" "$CACHE_DIR/gobin"
        GOBIN="$CACHE_DIR/gobin" go install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION" >&2
        mv "$CACHE_DIR/gobin/stripe-mock" "$bin"
    fi
    mkdir -p "$dir"
    if ! stripe_mock_answers; then
        log "stripe-mock: starting $STRIPE_MOCK_VERSION on 127.0.0.1:$STRIPE_MOCK_PORT"
        # Both listeners on loopback: by default stripe-mock also opens HTTPS on
        # every interface (port 12112), which collides between runs.
        nohup "$bin" -http-addr "127.0.0.1:$STRIPE_MOCK_PORT" -https-addr "127.0.0.1:0" \
            >"$dir/stripe-mock.log" 2>&1 &
        echo $! >"$dir/stripe-mock.pid"
    fi
    for _ in $(seq 30); do stripe_mock_answers && break; sleep 1; done
    stripe_mock_answers || { tail -30 "$dir/stripe-mock.log" >&2; die "stripe-mock did not come up within 30s"; }
    STRIPE_API_BASE="http://127.0.0.1:$STRIPE_MOCK_PORT"
    log "stripe-mock: up"
}

stripe_mock_answers() {
    curl -fsS -u sk_test_123: "http://127.0.0.1:$STRIPE_MOCK_PORT/v1/customers?limit=1" >/dev/null 2>&1
}

stop_stripe_mock() {
    local pidfile="$STATE_DIR/stripe-mock/stripe-mock.pid"
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
}

# --- Redis (Debian's package): the shared cache of throttles and kept pages ----------

start_redis() {
    command -v redis-server >/dev/null || apt_install redis-server
    local dir="$STATE_DIR/redis"
    mkdir -p "$dir"
    if ! redis_answers; then
        log "Redis: starting on 127.0.0.1:$REDIS_PORT"
        # A cache: nothing written to disk, the least recently used keys go first when full.
        redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$dir" --save "" \
            --appendonly no --maxmemory "${REDIS_MAXMEMORY:-256mb}" --maxmemory-policy allkeys-lru \
            --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    fi
    wait_for 20 "Redis" redis_answers
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    log "Redis: up"
}

redis_answers() {
    [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
}

stop_redis() {
    local pidfile="$STATE_DIR/redis/redis.pid"
    [ -f "$pidfile" ] && stop_pidfile "$pidfile"
    return 0
}

# --- SeaweedFS's S3 gateway (Go module proxy), the real S3 server of the storage tests

# `go install module@version` refuses a module whose go.mod has replace directives, as
# SeaweedFS's has: the module's own source is built where its go.mod applies.
build_seaweedfs() {
    local bin="$CACHE_DIR/bin/weed-$SEAWEEDFS_VERSION"
    if [ ! -x "$bin" ]; then
        command -v go >/dev/null || apt_install golang-go
        log "SeaweedFS: building github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION (a few minutes, once)"
        local source
        source="$(go mod download -json "github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
        [ -d "$source" ] || die "could not download github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION"
        rm -rf "$CACHE_DIR/seaweedfs-src" && cp -r "$source" "$CACHE_DIR/seaweedfs-src" && chmod -R u+w "$CACHE_DIR/seaweedfs-src"
        mkdir -p "$CACHE_DIR/bin"
        (cd "$CACHE_DIR/seaweedfs-src" && go build -o "$bin.part" ./weed) >&2 || die "SeaweedFS did not build"
        mv "$bin.part" "$bin"
        rm -rf "$CACHE_DIR/seaweedfs-src"
    fi
    echo "$bin"
}

s3_answers() {
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$S3_PORT/" 2>/dev/null | grep -qE '^(200|403)$'
}

start_seaweedfs() {
    if [ -n "${S3_ENDPOINT_URL:-}" ]; then
        log "S3: using S3_ENDPOINT_URL from the environment"
        return
    fi
    local bin dir="$STATE_DIR/seaweedfs"
    bin="$(build_seaweedfs)"
    mkdir -p "$dir/data"
    # The site's key may do everything; anyone may read the public bucket, nothing else.
    cat >"$dir/s3.json" <<EOF
{"identities": [
  {"name": "chonongsan", "credentials": [{"accessKey": "$S3_ACCESS_KEY", "secretKey": "$S3_SECRET_KEY"}],
   "actions": ["Admin", "Read", "Write", "List", "Tagging"]},
  {"name": "anonymous", "actions": ["Read:$S3_MEDIA_BUCKET"]}
]}
EOF
    if ! s3_answers; then
        log "SeaweedFS: starting the S3 gateway on 127.0.0.1:$S3_PORT"
        nohup "$bin" server -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$dir/data" \
            -master.port="$((S3_PORT + 1))" -volume.port="$((S3_PORT + 2))" -volume.max=20 \
            -filer -filer.port="$((S3_PORT + 3))" -s3 -s3.port="$S3_PORT" -s3.config="$dir/s3.json" \
            </dev/null >"$dir/seaweedfs.log" 2>&1 &
        echo $! >"$dir/seaweedfs.pid"
    fi
    for _ in $(seq 60); do s3_answers && break; sleep 1; done
    s3_answers || { tail -30 "$dir/seaweedfs.log" >&2; die "SeaweedFS's S3 gateway did not come up within 60s"; }
    warm_up_s3_buckets "$dir"
    S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT"
    log "SeaweedFS: S3 gateway up"
}

# Each bucket is a SeaweedFS collection whose volumes are created on its first write,
# which can take longer than the site's read timeout on a busy machine. One write per
# bucket through the filer (a bucket is a directory under /buckets) pays that here.
warm_up_s3_buckets() {
    local dir="$1" bucket url
    for bucket in $S3_BUCKETS; do
        url="http://127.0.0.1:$((S3_PORT + 3))/buckets/$bucket/"
        for _ in $(seq 120); do
            curl -fsS -m 30 -o /dev/null -F "file=@$dir/s3.json;filename=warm-up" "$url" 2>/dev/null && break
            sleep 1
        done
        curl -fsS -m 30 -o /dev/null -X DELETE "${url}warm-up" ||
            { tail -30 "$dir/seaweedfs.log" >&2; die "SeaweedFS did not store a first object in $bucket within 120s"; }
    done
}

stop_seaweedfs() {
    stop_pidfile "$STATE_DIR/seaweedfs/seaweedfs.pid" 10
}

# --- Chromium (Debian package) for the browser tests -----------------------

ensure_chromium() {
    [ -x /usr/bin/chromium ] || apt_install chromium fonts-noto-core
    log "Chromium: $(/usr/bin/chromium --version 2>/dev/null || echo 'installed')"
}

# ---------------------------------------------------------------------------

start() {
    mkdir -p "$STATE_DIR"
    ensure_service_user
    start_postgres
    start_elasticsearch
    start_stripe_mock
    start_redis
    ensure_chromium
    echo "export DATABASE_URL='$DATABASE_URL'"
    echo "export REDIS_URL='$REDIS_URL'"
    echo "export ELASTICSEARCH_URL='$ELASTICSEARCH_URL'"
    echo "export STRIPE_API_BASE='$STRIPE_API_BASE'"
    echo "export STRIPE_SECRET_KEY='${STRIPE_SECRET_KEY:-sk_test_123}'"
}

# The S3 server on its own: its first build takes minutes, so the test run builds it
# in the background (build-s3) while other tests run, then starts it (start-s3).
start_s3() {
    mkdir -p "$STATE_DIR"
    start_seaweedfs
    echo "export S3_ENDPOINT_URL='$S3_ENDPOINT_URL'"
    echo "export S3_ACCESS_KEY_ID='${S3_ACCESS_KEY_ID:-$S3_ACCESS_KEY}'"
    echo "export S3_SECRET_ACCESS_KEY='${S3_SECRET_ACCESS_KEY:-$S3_SECRET_KEY}'"
}

stop() {
    stop_seaweedfs
    stop_redis
    stop_stripe_mock
    stop_elasticsearch
    stop_postgres
    rm -rf "$STATE_DIR"
    log "stopped, data removed"
}

status() {
    local bindir
    if bindir="$(pg_bindir)" && "$bindir/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
        log "PostgreSQL: running on 127.0.0.1:$PG_PORT"
    else
        log "PostgreSQL: not running"
    fi
    if curl -fsS "http://127.0.0.1:$ES_PORT/_cluster/health" >/dev/null 2>&1; then
        log "Elasticsearch: running on 127.0.0.1:$ES_PORT"
    else
        log "Elasticsearch: not running"
    fi
    if stripe_mock_answers; then
        log "stripe-mock: running on 127.0.0.1:$STRIPE_MOCK_PORT"
    else
        log "stripe-mock: not running"
    fi
}

# scripts/stack.sh sources this file for its functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-}" in
    start) start ;;
    start-s3) start_s3 ;;
    build-s3) build_seaweedfs >/dev/null ;;
    stop) stop ;;
    status) status ;;
    *) die "usage: $0 start|start-s3|build-s3|stop|status" ;;
    esac
fi
