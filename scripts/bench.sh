#!/usr/bin/env bash
# `make bench`: the benchmarks that fit in about an hour, then bench/README.md
# rewritten from their figures (bench/report.py). Services and the stack are
# started here and stopped however the run ends.
#   WORKER_MINUTES=10 make bench                    # the task worker drill at its full length
#   BENCH_STEPS="slow_phone load" make bench        # some steps only; the other figures are kept
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN="${BIN:-.venv/bin}"
PY="$BIN/python"
ALL_STEPS="photos pages checkout notifications search outage figures harvests prices slow_phone load"
STEPS="${BENCH_STEPS:-$ALL_STEPS}"
export RATELIMIT_ENABLE=0 BENCH_RESULTS="$PWD/bench/results"
[ "$STEPS" = "$ALL_STEPS" ] && rm -rf "$BENCH_RESULTS"
mkdir -p "$BENCH_RESULTS"
WORK="$(mktemp -d /tmp/chonongsan-bench.XXXXXX)"
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    bash scripts/services.sh stop || true
    bash scripts/stack.sh stop || true
}
trap cleanup EXIT
step() { echo; echo "== $* ($(date +%H:%M:%S))"; }
embedded() { env -u DATABASE_URL -u ELASTICSEARCH_URL -u STRIPE_API_BASE "$@"; }
database() {  # a fresh PostgreSQL database for one benchmark: its URL
    psql "${DATABASE_URL%/*}/postgres" -qc "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
    echo "${DATABASE_URL%/*}/$1"
}

photos() {
    step "photo processing"
    "$PY" bench/photo_processing.py
}

pages() {
    step "listing pages, 100,000 products, SQLite then PostgreSQL"
    embedded "$PY" bench/listing_pages.py --products 100000 --runs 30
    DATABASE_URL="$(database bench_pages)" "$PY" bench/listing_pages.py --products 100000 --runs 30
}

checkout() {
    step "checkout on PostgreSQL"
    DATABASE_URL="$(database bench_checkout)" "$PY" bench/checkout.py --orders-per-buyer 20
}

notifications() {
    step "a burst of orders' texts on PostgreSQL"
    DATABASE_URL="$(database bench_notifications)" "$PY" bench/notifications.py --orders 5000
}

search() {
    step "search at 100,000 products, Elasticsearch and the PostgreSQL fallback"
    DATABASE_URL="$(database bench_search)" "$PY" bench/search.py --products 100000
}

outage() {
    step "search while Elasticsearch hangs or is stopped"
    env -u DATABASE_URL "$PY" bench/search_outage.py --products 5000 --requests 400
}

figures() {
    step "officials' figures, ${FIGURES_PRODUCTS:=200000} products"
    DATABASE_URL="$(database bench_figures)" "$PY" bench/listing_figures.py --products "$FIGURES_PRODUCTS" --runs 20
}

harvests() {
    step "harvests: the supply outlook, ${HARVEST_PRODUCTS:=1000000} products and 50,000 announcements; pre-orders racing"
    DATABASE_URL="$(database bench_harvests)" "$PY" bench/harvests.py --products "$HARVEST_PRODUCTS" \
        --announcements 50000 --runs 20
}

prices() {
    step "the market price board, 1,000,000 delivered order lines"
    DATABASE_URL="$(database bench_prices)" "$PY" bench/price_board.py --sales 1000000 --runs 20
}

slow_phone() {
    step "public pages on a slow 3G phone (the embedded set-up with the demo data)"
    local var="$WORK/var"
    mkdir -p "$var"
    embedded env VAR_DIR="$var" DEBUG=0 bash -c "
        $PY manage.py migrate --noinput -v 0 && $PY manage.py createcachetable &&
        $PY manage.py collectstatic --noinput -v 0 && $PY manage.py load_demo_data >/dev/null"
    embedded env VAR_DIR="$var" DEBUG=0 "$BIN/gunicorn" --pythonpath site --bind 127.0.0.1:8010 \
        --workers 2 marketplace.wsgi:application >"$WORK/gunicorn.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 30); do curl -fsS -o /dev/null http://127.0.0.1:8010/ && break; sleep 1; done
    local product
    product="$(embedded env VAR_DIR="$var" "$PY" manage.py shell -c \
        "from catalog.models import Product; print(Product.objects.public().first().get_absolute_url())" | tail -1)"
    "$PY" bench/slow_phone.py --base http://127.0.0.1:8010 / "/tim-kiem/?q=xoai" "$product" /gio-hang/ /xa/ /thong-ke/ /en/
    kill "$SERVER_PID" && SERVER_PID=""
}

load() {
    step "the production-shaped stack: load stages without and with the page cache, fault drills, the restore drill"
    bash scripts/services.sh stop # the stack runs its own services; the cores are its
    rm -f "$BENCH_RESULTS"/{load,faults,page_cache,restore}.json # a run's figures, not two runs'
    "$PY" bench/load/run.py --products 100000 --stages 8,16,32,48,64 \
        --cached-stages 16,32,64,128,256,384 --stage-seconds 45 \
        --worker-minutes "${WORKER_MINUTES:-3}"
}

eval "$(bash scripts/services.sh start)"
for name in $STEPS; do "$name"; done

step "bench/README.md"
"$PY" bench/report.py
