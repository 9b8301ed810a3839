#!/usr/bin/env bash
# The whole suite on the real services, then again on the embedded default.
# The services are stopped however the run ends.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN="${BIN:-.venv/bin}"

trap 'bash scripts/services.sh stop; bash scripts/stack.sh stop' EXIT
# SeaweedFS takes minutes to build the first time: it builds while the first stages run.
nice bash scripts/services.sh build-s3 >var/build-s3.log 2>&1 &
BUILD_S3=$!
services_env="$(bash scripts/services.sh start)"
eval "$services_env"

# The embedded run needs no service: it runs alongside the services' run, on the other
# core (its own temporary folders and log), and is read once that run is over.
mkdir -p var
env -u DATABASE_URL -u ELASTICSEARCH_URL -u STRIPE_API_BASE -u STRIPE_SECRET_KEY -u S3_ENDPOINT_URL -u REDIS_URL \
    "$BIN/pytest" -m "not postgres and not elasticsearch and not stripe and not redis and not s3 and not stack" \
    -p no:cacheprovider --basetemp="$PWD/var/pytest-embedded" >var/embedded.log 2>&1 &
EMBEDDED=$!

echo "== Whole suite on PostgreSQL, Elasticsearch, stripe-mock and Chromium ($(date +%T))"
"$BIN/pytest" -m "not s3 and not stack"

echo "== Embedded default: SQLite, database search, no external service (run alongside; $(date +%T))"
if wait "$EMBEDDED"; then cat var/embedded.log; else cat var/embedded.log; exit 1; fi

echo "== Uploads in object storage: SeaweedFS's S3 gateway ($(date +%T))"
wait "$BUILD_S3" || { cat var/build-s3.log; exit 1; }
eval "$(bash scripts/services.sh start-s3)"
env -u DATABASE_URL -u ELASTICSEARCH_URL -u STRIPE_API_BASE -u STRIPE_SECRET_KEY \
    "$BIN/pytest" -m s3

echo "== The production-shaped stack (make stack): nginx, Varnish, two app instances, worker, Redis, three Elasticsearch nodes, pgBackRest ($(date +%T))"
bash scripts/services.sh stop
STACK_URL="$(STACK_DEMO_PRODUCERS=40 BIN="$PWD/$BIN" bash scripts/stack.sh start | tail -n 1)"
env -u DATABASE_URL -u ELASTICSEARCH_URL -u STRIPE_API_BASE -u STRIPE_SECRET_KEY -u S3_ENDPOINT_URL \
    STACK_URL="$STACK_URL" "$BIN/pytest" -m stack
