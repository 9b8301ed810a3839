"""The one place that builds Elasticsearch clients from settings.

Two kinds, by who waits for them:
- request_client(): inside a buyer's or farmer's request. About a second, no
  retries: a hung node must cost a page one second, not thirty, and the
  database answers instead (see fallback.py).
- background_client(): commands and workers (rebuild, drain, status), which
  can afford to wait and retry.
"""

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


def _require_url():
    if not elasticsearch_enabled():
        raise RuntimeError("ELASTICSEARCH_URL is not set")
    return settings.ELASTICSEARCH_URL


def request_client():
    return _client_for(_require_url(), settings.ELASTICSEARCH_REQUEST_TIMEOUT, 0)


def background_client():
    return _client_for(_require_url(), settings.ELASTICSEARCH_BACKGROUND_TIMEOUT, 2)


def index_name(name):
    """Prefix an index name so several sites (or test runs) share one cluster."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_{name}"
