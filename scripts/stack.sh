#!/usr/bin/env bash
# The production-shaped stack on one machine, loopback only, everything from the
# registries the project already uses:
#
#   nginx (Debian; TLS, static files, gzip, timeouts, size limits)
#     -> Varnish (Debian, with varnish-modules' xkey): public pages kept, purged by tag
#        -> nginx's inner listener -> two gunicorn app instances (127.0.0.1:8101, :8102)
#        -> PostgreSQL (durable), Elasticsearch: three master-eligible nodes, one replica,
#           stripe-mock,
#           Redis (the shared cache: throttles and kept pages)
#   the task worker (manage.py db_worker) and the scheduler (manage.py run_schedule)
#
#   scripts/stack.sh start            set up what is missing, start, wait, print the address
#   scripts/stack.sh stop             stop everything and delete the data
#   scripts/stack.sh status           what runs
#   scripts/stack.sh env              the environment the app processes get
#   scripts/stack.sh run CMD...       a command with that environment (e.g. manage.py shell)
#   scripts/stack.sh stop-app N | start-app N | stop-worker | start-worker
#   scripts/stack.sh page-cache on|off  restart the apps with the page cache on or off
#   scripts/stack.sh limits on|off      the same for the per-client limits (app and nginx)
#   scripts/stack.sh kill-es NODE | start-es NODE | es-master | freeze-es | thaw-es | restart-postgres
#                                     (the fault drills of bench/load)
#   scripts/stack.sh backup           a full backup now (pgBackRest; one is taken at start)
#   scripts/stack.sh destroy-postgres PostgreSQL killed and its data directory deleted
#   scripts/stack.sh restore-postgres back from the backup, the WAL archive and the WAL copy
#   scripts/stack.sh restore-drill    orders under load, the disk lost, restored: what was lost
#
# Backups: pgBackRest takes a full backup at start and archives every WAL segment;
# pg_receivewal keeps a synchronous copy of the WAL as it is written (a commit is
# acknowledged once the copy has it), so a restore loses no acknowledged order. Here
# both live under $STACK/backup; deploy/ puts them on another machine and a bucket.
#
# The same configuration for a real server is in deploy/. For load tests from one
# address, `start` takes RATELIMIT_ENABLE=0 (throttles off) and QUERY_COUNT_HEADER=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BIN:-$ROOT/.venv/bin}"
unset DATABASE_URL ELASTICSEARCH_URL STRIPE_API_BASE REDIS_URL
export SERVICES_DIR="${STACK_DIR:-/tmp/chonongsan-stack}"
export PG_PORT="${STACK_PG_PORT:-54339}" PG_DURABLE=1
export STRIPE_MOCK_PORT="${STACK_STRIPE_PORT:-12121}"
export REDIS_PORT="${STACK_REDIS_PORT:-16389}"
export ES_HEAP="${STACK_ES_HEAP:-512m}" ES_REUSE=1
# shellcheck source=services.sh
source "$ROOT/scripts/services.sh"
STACK="$STATE_DIR"
BACKUP="$STACK/backup"
PGBR_CONF="$BACKUP/pgbackrest.conf"
PGDATA_DIR="$STACK/postgres/data"
# Every WAL segment to the backup repository, at the latest a minute after it was begun.
export PG_OPTIONS="-c archive_mode=on -c archive_timeout=60 -c 'archive_command=pgbackrest --config=$PGBR_CONF --stanza=chonongsan archive-push %p'"
HTTPS_PORT="${STACK_HTTPS_PORT:-8443}"
HTTP_PORT="${STACK_HTTP_PORT:-8088}"
APP_PORTS=(8101 8102)
# Three master-eligible nodes: with two, losing the elected master stops every change of
# the cluster (Elasticsearch's "Quorum-based decision making"); with three, any one may go.
ES_NODES=("es-1 19211 19311" "es-2 19212 19312" "es-3 19213 19313")
ES_URLS="http://127.0.0.1:19211,http://127.0.0.1:19212,http://127.0.0.1:19213"
NGINX="/usr/sbin/nginx"
VARNISH_PORT="${STACK_VARNISH_PORT:-16081}"
INNER_PORT="${STACK_INNER_PORT:-16082}"

# --- the app's environment --------------------------------------------------

write_env() {
    mkdir -p "$STACK/media" "$STACK/private" "$STACK/static" "$STACK/mail"
    [ -f "$STACK/secret_key" ] || "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$STACK/secret_key"
    [ -f "$STACK/identity_key" ] || "$BIN/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' >"$STACK/identity_key"
    [ -f "$STACK/identity_hash_key" ] || "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(32))' >"$STACK/identity_hash_key"
    cat >"$STACK/app.env" <<EOF
DJANGO_ENV=production
DJANGO_SETTINGS_MODULE=marketplace.settings.production
SECRET_KEY=$(cat "$STACK/secret_key")
ALLOWED_HOSTS=127.0.0.1,localhost
IDENTITY_KEYS=$(cat "$STACK/identity_key")
IDENTITY_HASH_KEY=$(cat "$STACK/identity_hash_key")
PROXY_COUNT=1
SITE_URL=https://127.0.0.1:$HTTPS_PORT
DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/chonongsan
ELASTICSEARCH_URL=$ES_URLS
ELASTICSEARCH_REPLICAS=1
STRIPE_API_BASE=http://127.0.0.1:$STRIPE_MOCK_PORT
STRIPE_SECRET_KEY=sk_test_123
STRIPE_WEBHOOK_SECRET=whsec_chonongsan_stack
CACHE_BACKEND=marketplace.cache.RedisCache
CACHE_LOCATION=redis://127.0.0.1:$REDIS_PORT/0
PAGE_CACHE=${PAGE_CACHE:-1}
FRONT_CACHE_URLS=http://127.0.0.1:$VARNISH_PORT/
TASKS_BACKEND=database
MEDIA_ROOT=$STACK/media
PRIVATE_MEDIA_ROOT=$STACK/private
STATIC_ROOT=$STACK/static
SERVE_MEDIA=0
EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
EMAIL_FILE_PATH=$STACK/mail
SMS_BACKEND=accounts.sms.ConsoleBackend
RATELIMIT_ENABLE=${RATELIMIT_ENABLE:-1}
QUERY_COUNT_HEADER=${QUERY_COUNT_HEADER:-0}
LOG_LEVEL=WARNING
EOF
}

with_env() {  # with_env COMMAND...: run with the app's environment
    (cd "$ROOT" && set -a && . "$STACK/app.env" && set +a && "$@")
}

manage() { with_env "$BIN/python" manage.py "$@"; }

# --- Elasticsearch: three nodes ----------------------------------------------

start_cluster() {
    local node name http transport
    for node in "${ES_NODES[@]}"; do
        read -r name http transport <<<"$node"
        elasticsearch_node_start "$name" "$http" "$transport" "cluster.name: chonongsan-stack
discovery.seed_hosts: [\"127.0.0.1:19311\", \"127.0.0.1:19312\", \"127.0.0.1:19313\"]
cluster.initial_master_nodes: [\"es-1\", \"es-2\", \"es-3\"]"
    done
    wait_for 240 "the Elasticsearch cluster (3 nodes)" \
        curl -fsS "http://127.0.0.1:19211/_cluster/health?wait_for_nodes=3&wait_for_status=yellow&timeout=1s"
    elasticsearch_analyzes 19211 || die "Elasticsearch is up but the project's analysis plugin does not work"
    log "Elasticsearch: 3 nodes up"
}

es_master() {  # the elected master's name, asked of any node that answers
    local node name http transport
    for node in "${ES_NODES[@]}"; do
        read -r name http transport <<<"$node"
        curl -fsS --max-time 3 "http://127.0.0.1:$http/_cat/master?h=node" 2>/dev/null && return 0
    done
    die "no Elasticsearch node answers"
}

es_node() {  # es_node NAME: "name http transport"
    local node
    for node in "${ES_NODES[@]}"; do
        [ "${node%% *}" = "$1" ] && { echo "$node"; return; }
    done
    die "no Elasticsearch node named $1 (es-1, es-2, es-3)"
}

# --- app instances, worker, scheduler ----------------------------------------

start_app() {  # start_app N (1 or 2)
    local port="${APP_PORTS[$(($1 - 1))]}"
    curl -fsS -o /dev/null "http://127.0.0.1:$port/" -H 'X-Forwarded-Proto: https' 2>/dev/null && return 0
    log "app $1: gunicorn on 127.0.0.1:$port"
    with_env "$BIN/gunicorn" --pythonpath site --bind "127.0.0.1:$port" \
        --workers 2 --threads 4 --timeout 30 --graceful-timeout 20 --keep-alive 65 \
        --max-requests 5000 --max-requests-jitter 500 \
        --pid "$STACK/app-$1.pid" --access-logfile "$STACK/app-$1.access.log" \
        --error-logfile "$STACK/app-$1.log" --capture-output --control-socket "$STACK/app-$1.ctl" \
        --daemon marketplace.wsgi:application
    wait_for 60 "app instance $1" curl -fsS -o /dev/null "http://127.0.0.1:$port/" -H 'X-Forwarded-Proto: https'
}

start_background() {  # start_background NAME manage.py-ARGS...
    local name="$1"
    shift
    if [ -f "$STACK/$name.pid" ] && kill -0 "$(cat "$STACK/$name.pid")" 2>/dev/null; then return 0; fi
    (
        cd "$ROOT"
        set -a && . "$STACK/app.env" && set +a
        nohup "$BIN/python" manage.py "$@" >>"$STACK/$name.log" 2>&1 </dev/null &
        echo $! >"$STACK/$name.pid"
    )
    log "$name: started ($*)"
}

stop_app() {  # stop_app N: its master by pid file, then anything still bound to its port
    local port="${APP_PORTS[$(($1 - 1))]}"
    stop_pidfile "$STACK/app-$1.pid"
    pkill -f "gunicorn --pythonpath site --bind 127.0.0.1:$port " 2>/dev/null || true
    for _ in $(seq 20); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null || return 0
        sleep 0.5
    done
}

start_worker() { start_background worker db_worker --no-reload --interval 1 --no-startup-delay; }
start_scheduler() { start_background scheduler run_schedule; }

# --- Backups: pgBackRest and the synchronous WAL copy ------------------------

pgbr() { as_service_user pgbackrest --config="$PGBR_CONF" --stanza=chonongsan "$@"; }

psql_stack() { "$(pg_bindir)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAq "$@"; }

write_backup_config() {
    command -v pgbackrest >/dev/null || apt_install pgbackrest
    mkdir -p "$BACKUP"/{repo,log,lock,spool,wal}
    sed -e "s#@BACKUP@#$BACKUP#g" -e "s#@PGDATA@#$PGDATA_DIR#g" -e "s#@PG_PORT@#$PG_PORT#g" \
        -e "s#@PG_SOCKET@#$STACK/postgres/run#g" "$ROOT/deploy/pgbackrest/stack.conf" >"$PGBR_CONF"
    if is_root; then chown -R "$SERVICE_USER" "$BACKUP"; fi
}

wal_copy_streaming() {
    psql_stack -c "SELECT 1 FROM pg_stat_replication WHERE application_name = 'walcopy' AND state = 'streaming'" | grep -q 1
}

start_wal_copy() {  # pg_receivewal, restarted by its loop whenever it stops
    if [ -f "$BACKUP/walcopy.pid" ] && kill -0 "$(cat "$BACKUP/walcopy.pid")" 2>/dev/null; then return 0; fi
    local bindir conn
    bindir="$(pg_bindir)"
    conn="host=127.0.0.1 port=$PG_PORT user=postgres application_name=walcopy"
    as_service_user "$bindir/pg_receivewal" -d "$conn" --slot=walcopy --create-slot --if-not-exists
    setsid bash -c "while :; do $(is_root && echo "runuser -u $SERVICE_USER --") $bindir/pg_receivewal \
        -d '$conn' -D '$BACKUP/wal' --slot=walcopy --synchronous --no-loop; sleep 1; done" \
        >>"$BACKUP/walcopy.log" 2>&1 </dev/null &
    echo $! >"$BACKUP/walcopy.pid"
    wait_for 30 "the synchronous WAL copy" wal_copy_streaming
}

stop_wal_copy() {
    [ -f "$BACKUP/walcopy.pid" ] || return 0
    kill -- "-$(cat "$BACKUP/walcopy.pid")" 2>/dev/null || true
    rm -f "$BACKUP/walcopy.pid"
}

acknowledge_after_wal_copy() {  # from now on a commit returns once the WAL copy has it
    psql_stack -c "ALTER SYSTEM SET synchronous_standby_names = 'walcopy'" -c "SELECT pg_reload_conf()" >/dev/null
}

full_backup() {
    pgbr stanza-create >/dev/null
    pgbr backup --type=full
    log "pgBackRest: $(pgbr info --output=json | "$BIN/python" -c 'import json,sys; b=json.load(sys.stdin)[0]["backup"][-1]; print(b["label"], round(b["info"]["repository"]["delta"]/2**20), "MB in the repository")')"
}

destroy_postgres() {  # the machine's disk lost: PostgreSQL killed, its data directory gone
    local pid
    pid="$(head -1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)"
    # The postmaster and its own children only: other clusters may run as the same user.
    [ -n "$pid" ] && kill -9 "$pid" $(pgrep -P "$pid") 2>/dev/null || true
    for _ in $(seq 50); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -rf "$PGDATA_DIR"
    log "PostgreSQL: killed, data directory deleted"
}

postgres_writable() { [ "$(psql_stack -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ]; }

restore_postgres() {  # from the last full backup, the archive, then the WAL copy's last segments
    local started=$SECONDS segment name
    stop_wal_copy
    mkdir -p "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    if is_root; then chown "$SERVICE_USER" "$PGDATA_DIR"; fi
    pgbr restore
    # The archive has every completed segment; the copy also has the one being written.
    for segment in "$BACKUP"/wal/*; do
        [ -f "$segment" ] || continue
        name="$(basename "$segment" .partial)"
        [ -e "$PGDATA_DIR/pg_wal/$name" ] || as_service_user cp "$segment" "$PGDATA_DIR/pg_wal/$name"
    done
    mv "$BACKUP/wal" "$BACKUP/wal-restored-$(date +%s)" && mkdir "$BACKUP/wal"
    if is_root; then chown "$SERVICE_USER" "$BACKUP/wal"; fi
    start_postgres
    # pg_ctl returns once read-only connections are taken (hot standby): the restore is
    # done when the replay is, and the server has left recovery and takes writes.
    wait_for 3600 "PostgreSQL to replay the WAL and open" postgres_writable
    start_wal_copy  # commits wait for it (synchronous_standby_names came back with the backup)
    log "PostgreSQL: restored in $((SECONDS - started)) s, at $(psql_stack -d chonongsan -c 'SELECT now()')"
}

# --- Varnish: the page cache in front of the app ----------------------------

start_varnish() {
    command -v varnishd >/dev/null && [ -n "$(find /usr/lib -name libvmod_xkey.so -print -quit)" ] ||
        apt_install varnish varnish-modules
    local dir="$STACK/varnish"
    mkdir -p "$dir"
    sed -e "s#@BACKEND_HOST@#127.0.0.1#g" -e "s#@BACKEND_PORT@#$INNER_PORT#g" \
        -e 's#@PURGERS@#"127.0.0.1"; "::1";#g' \
        "$ROOT/deploy/varnish/chonongsan.vcl" >"$dir/chonongsan.vcl"
    if [ -f "$dir/varnishd.pid" ] && kill -0 "$(cat "$dir/varnishd.pid")" 2>/dev/null; then return 0; fi
    varnishd -n "$dir/work" -a "127.0.0.1:$VARNISH_PORT" -T "127.0.0.1:0" -f "$dir/chonongsan.vcl" \
        -s malloc,256m -P "$dir/varnishd.pid" -p timeout_idle=60
    wait_for 20 "Varnish" curl -fsS -o /dev/null -X PURGE -H 'xkey: nothing' "http://127.0.0.1:$VARNISH_PORT/"
    log "Varnish: 127.0.0.1:$VARNISH_PORT"
}

stop_varnish() { stop_pidfile "$STACK/varnish/varnishd.pid"; }

switch() {  # switch on|off: 1 or 0
    case "$1" in on) echo 1 ;; off) echo 0 ;; *) die "on or off, not $1" ;; esac
}

set_app_env() {  # set_app_env NAME VALUE: the app processes restarted with it
    sed -i "s/^$1=.*/$1=$2/" "$STACK/app.env"
    stop_app 1 && start_app 1
    stop_app 2 && start_app 2
    stop_pidfile "$STACK/worker.pid" && start_worker
}

page_cache() {  # page_cache on|off: every app process and the front cache follow
    set_app_env PAGE_CACHE "$(switch "$1")"
    curl -fsS -o /dev/null -X PURGE -H 'xkey: site' "http://127.0.0.1:$VARNISH_PORT/"
    log "page cache: $1"
}

limits() {  # limits on|off: the app's throttles and nginx's per-client limits
    RATELIMIT_ENABLE="$(switch "$1")"
    set_app_env RATELIMIT_ENABLE "$RATELIMIT_ENABLE"
    start_nginx >/dev/null  # rendered again with them, and reloaded
    log "per-client limits: $1"
}

# --- nginx -------------------------------------------------------------------

start_nginx() {
    [ -x "$NGINX" ] || apt_install nginx
    local dir="$STACK/nginx"
    mkdir -p "$dir"/{temp,logs}
    if [ ! -f "$dir/cert.pem" ]; then
        openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
            -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
            -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
    fi
    # The load test's users all come from loopback: without limits (RATELIMIT_ENABLE=0),
    # the deployment's limits otherwise (deploy/README.md).
    local rate=10 burst=50 conns=20
    [ "${RATELIMIT_ENABLE:-1}" = 0 ] && rate=100000 burst=100000 conns=60000
    sed -e "s#@STACK@#$STACK#g" -e "s#@HTTPS_PORT@#$HTTPS_PORT#g" -e "s#@HTTP_PORT@#$HTTP_PORT#g" \
        -e "s#@APP1@#127.0.0.1:${APP_PORTS[0]}#g" -e "s#@APP2@#127.0.0.1:${APP_PORTS[1]}#g" \
        -e "s#@PAGE_CACHE@#127.0.0.1:$VARNISH_PORT#g" -e "s#@INNER@#127.0.0.1:$INNER_PORT#g" \
        -e "s#@REQ_RATE@#$rate#g" -e "s#@REQ_BURST@#$burst#g" -e "s#@CONN_LIMIT@#$conns#g" \
        "$ROOT/deploy/nginx/stack.conf" >"$dir/nginx.conf"
    "$NGINX" -t -q -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log"
    if [ -f "$dir/nginx.pid" ] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; then
        "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" -s reload
    else
        "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log"
    fi
    wait_for 20 "nginx" curl -kfsS -o /dev/null "https://127.0.0.1:$HTTPS_PORT/"
    log "nginx: https://127.0.0.1:$HTTPS_PORT/"
}

stop_nginx() {
    local dir="$STACK/nginx"
    [ -f "$dir/nginx.pid" ] && "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" -s quit 2>/dev/null || true
    for _ in $(seq 20); do [ -f "$dir/nginx.pid" ] || return 0; sleep 0.5; done
}

# ---------------------------------------------------------------------------

stack_start() {
    local started=$SECONDS
    mkdir -p "$STACK"
    ensure_service_user
    write_backup_config
    start_postgres
    start_wal_copy
    start_cluster
    start_stripe_mock
    start_redis
    write_env
    start_varnish  # before anything changes data: every change purges it
    log "migrating, collecting static files, loading the demo data on first start"
    # stdout carries only the address (scripts/test.sh reads it): set-up output goes to stderr.
    manage migrate --noinput --verbosity 0 >&2
    manage createcachetable --verbosity 0 >&2
    manage collectstatic --noinput --verbosity 0 >&2
    # STACK_DEMO_PRODUCERS: a smaller demo (the test run's smoke check of the stack).
    [ -f "$STACK/demo-loaded" ] || {
        manage load_demo_data --producers "${STACK_DEMO_PRODUCERS:-600}" >"$STACK/demo.log" &&
            touch "$STACK/demo-loaded"
    }
    acknowledge_after_wal_copy
    [ -f "$STACK/backed-up" ] || { full_backup >&2 && touch "$STACK/backed-up"; }
    start_app 1
    start_app 2
    start_worker
    start_scheduler
    start_nginx
    log "up in $((SECONDS - started)) s: https://127.0.0.1:$HTTPS_PORT/ (self-signed certificate)"
    echo "https://127.0.0.1:$HTTPS_PORT"
}

stack_stop() {
    stop_nginx
    stop_varnish
    stop_pidfile "$STACK/scheduler.pid"
    stop_pidfile "$STACK/worker.pid"
    stop_app 1
    stop_app 2
    stop_stripe_mock
    stop_redis
    stop_wal_copy
    local node
    for node in "${ES_NODES[@]}"; do elasticsearch_node_stop "${node%% *}"; done
    stop_postgres
    rm -rf "$STACK"
    log "stack stopped, data removed"
}

stack_status() {
    local port node
    for port in "${APP_PORTS[@]}"; do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/" -H 'X-Forwarded-Proto: https' 2>/dev/null &&
            log "app 127.0.0.1:$port: up" || log "app 127.0.0.1:$port: down"
    done
    curl -fsS "http://127.0.0.1:19211/_cat/nodes?h=name,node.role,master" 2>/dev/null >&2 ||
        curl -fsS "http://127.0.0.1:19212/_cat/nodes?h=name,node.role,master" 2>/dev/null >&2 ||
        curl -fsS "http://127.0.0.1:19213/_cat/nodes?h=name,node.role,master" 2>/dev/null >&2 ||
        log "Elasticsearch: down"
    for name in worker scheduler; do
        [ -f "$STACK/$name.pid" ] && kill -0 "$(cat "$STACK/$name.pid")" 2>/dev/null &&
            log "$name: running" || log "$name: stopped"
    done
}

case "${1:-}" in
start) stack_start ;;
stop) stack_stop ;;
status) stack_status ;;
env) cat "$STACK/app.env" ;;
run) shift && with_env "$@" ;;
stop-app) stop_app "${2:?N}" ;;
start-app) start_app "${2:?N}" ;;
stop-worker) stop_pidfile "$STACK/worker.pid" ;;
page-cache) page_cache "${2:?on|off}" ;;
limits) limits "${2:?on|off}" ;;
start-worker) start_worker ;;
kill-es)  # SIGKILL: the node dies as in a crash; returns once it is gone
    es_node "${2:?NODE}" >/dev/null
    pid="$(cat "$STACK/$2/elasticsearch.pid")"
    kill -9 "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    ;;
start-es)  # with its data and configuration (ES_REUSE)
    es_node "${2:?NODE}" >/dev/null
    read -r name http transport <<<"$(es_node "$2")"
    elasticsearch_node_start "$name" "$http" "$transport" ""
    ;;
es-master) es_master ;;
freeze-es) for node in "${ES_NODES[@]}"; do kill -STOP "$(cat "$STACK/${node%% *}/elasticsearch.pid")"; done ;;
thaw-es) for node in "${ES_NODES[@]}"; do kill -CONT "$(cat "$STACK/${node%% *}/elasticsearch.pid")"; done ;;
backup) full_backup ;;
destroy-postgres) destroy_postgres ;;
restore-postgres) restore_postgres ;;
restore-drill) with_env "$BIN/python" bench/load/restore_drill.py "${@:2}" ;;
restart-postgres)
    bindir="$(pg_bindir)"
    as_service_user "$bindir/pg_ctl" -D "$STACK/postgres/data" -m fast -w restart >/dev/null
    ;;
*) die "usage: $0 start|stop|status|env|stop-app N|start-app N|stop-worker|start-worker|page-cache on|off|limits on|off|kill-es NODE|start-es NODE|es-master|freeze-es|thaw-es|restart-postgres|backup|destroy-postgres|restore-postgres|restore-drill" ;;
esac
