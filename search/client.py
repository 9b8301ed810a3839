"""The one place that builds Elasticsearch clients from settings."""

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch


def elasticsearch_enabled():
    return bool(settings.ELASTICSEARCH_URL)


@lru_cache(maxsize=8)
def _client_for(url, timeout, retries):
    return Elasticsearch(
        url, request_timeout=timeout, max_retries=retries, retry_on_timeout=retries > 0
    )


def get_client():
    """For searches and admin commands."""
    if not elasticsearch_enabled():
        raise RuntimeError("ELASTICSEARCH_URL is not set")
    return _client_for(settings.ELASTICSEARCH_URL, 10, 2)


def quick_client():
    """For work done inside a user's request: fail fast, the outbox keeps what failed."""
    if not elasticsearch_enabled():
        raise RuntimeError("ELASTICSEARCH_URL is not set")
    return _client_for(settings.ELASTICSEARCH_URL, 3, 0)


def index_name(name):
    """Prefix an index name so several sites (or test runs) share one cluster."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_{name}"
