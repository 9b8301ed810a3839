"""Site pages (guides, news) found by the search page, behind the same fallback as products."""

from functools import lru_cache

from django.conf import settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .client import node_urls, request_retries
from .fallback import elasticsearch_or_database


@lru_cache(maxsize=4)
def _elasticsearch_backend(setting):
    """Wagtail's Elasticsearch backend with the request client's timeout and retries."""
    urls = node_urls(setting)
    return get_search_backend(
        "default",
        URLS=urls,
        TIMEOUT=settings.ELASTICSEARCH_REQUEST_TIMEOUT,
        OPTIONS={"max_retries": request_retries(urls), "retry_on_timeout": False},
    )


def search_pages(query, limit):
    pages = Page.objects.live().public().specific()

    def database():
        backend = get_search_backend(
            "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
        )
        return list(backend.search(query, pages)[:limit])

    return elasticsearch_or_database(
        lambda: list(
            _elasticsearch_backend(settings.ELASTICSEARCH_URL).search(query, pages)[:limit]
        ),
        database,
    )
