"""The one place that builds the Elasticsearch client from settings."""

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch


def elasticsearch_enabled():
    return bool(settings.ELASTICSEARCH_URL)


@lru_cache(maxsize=4)
def _client_for(url):
    return Elasticsearch(url, request_timeout=10, retry_on_timeout=True, max_retries=2)


def get_client():
    if not elasticsearch_enabled():
        raise RuntimeError("ELASTICSEARCH_URL is not set")
    return _client_for(settings.ELASTICSEARCH_URL)


def index_name(name):
    """Prefix an index name so several sites (or test runs) share one cluster."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_{name}"
