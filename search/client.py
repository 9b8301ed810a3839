"""The one place that builds Elasticsearch clients from settings.

Two kinds, by who waits for them:
- request_client(): inside a buyer's or farmer's request. About a second and no
  retry after a timeout: a hung node must cost a page one second, not thirty, and
  the database answers instead (see fallback.py). On a cluster a node that refuses
  the connection (stopped) is retried once on another node.
- background_client(): commands and workers (rebuild, drain, status), which
  can afford to wait and retry.
"""

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch


def elasticsearch_enabled():
    return bool(settings.ELASTICSEARCH_URL)


def node_urls(setting):
    """ELASTICSEARCH_URL names one node or several, separated by commas."""
    return [url.strip() for url in setting.split(",") if url.strip()]


@lru_cache(maxsize=8)
def _client_for(setting, timeout, retries, retry_on_timeout):
    return Elasticsearch(
        node_urls(setting),
        request_timeout=timeout,
        max_retries=retries,
        retry_on_timeout=retry_on_timeout,
    )


def _require_url():
    if not elasticsearch_enabled():
        raise RuntimeError("ELASTICSEARCH_URL is not set")
    return settings.ELASTICSEARCH_URL


def request_retries(urls):
    """Inside a request: one retry, on another node, and only on a cluster."""
    return 1 if len(urls) > 1 else 0


def request_client():
    setting = _require_url()
    retries = request_retries(node_urls(setting))
    return _client_for(setting, settings.ELASTICSEARCH_REQUEST_TIMEOUT, retries, False)


def background_client():
    return _client_for(_require_url(), settings.ELASTICSEARCH_BACKGROUND_TIMEOUT, 2, True)


def index_name(name):
    """Prefix an index name so several sites (or test runs) share one cluster."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_{name}"
