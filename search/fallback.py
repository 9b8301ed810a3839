"""Every search entry point answers from the database when Elasticsearch cannot.

A circuit breaker keeps a dead or hung node from costing every request its
timeout: after BREAKER_FAILURES outages in a row, requests go straight to the
database for BREAKER_COOLDOWN seconds, then one request tries Elasticsearch
again. The breaker lives in each app process (no shared state to reach while
things are failing); each process learns of an outage within a few requests.
"""

import contextlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from elasticsearch import ApiError, ConnectionTimeout, TransportError

from .client import elasticsearch_enabled

logger = logging.getLogger(__name__)

# TransportError: refused connections and timeouts; ApiError: an answer with an error status.
UNAVAILABLE = (TransportError, ApiError, ConnectionError)


def is_timeout(error):
    return isinstance(error, ConnectionTimeout)


def is_busy(error):
    """429: the cluster is up and asks for a moment (a full search queue). This request
    goes to the database; the others keep asking Elasticsearch, since opening the breaker
    would move every search onto the database at the busiest moment."""
    return isinstance(error, ApiError) and error.status_code == 429


def is_outage(error):
    """An unreachable, hung or failing cluster, as opposed to a refused query."""
    if isinstance(error, ApiError):
        return error.status_code >= 500
    return True


class CircuitBreaker:
    def __init__(self, failures, cooldown, clock=time.monotonic):
        self.failures_to_open = failures
        self.cooldown = cooldown
        self.clock = clock
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        self.failures = 0
        self.open_until = 0.0

    def allow(self):
        """True when a request may try Elasticsearch (closed, or the cool-down is over)."""
        with self._lock:
            if self.failures < self.failures_to_open:
                return True
            if self.clock() >= self.open_until:
                self.open_until = self.clock() + self.cooldown  # one trial, the others wait
                return True
            return False

    def record_success(self):
        with self._lock:
            self.reset()

    def record_failure(self, hung=False):
        """A hung node (a timeout) opens the breaker at once: each try costs a whole timeout."""
        with self._lock:
            self.failures = self.failures_to_open if hung else self.failures + 1
            if self.failures >= self.failures_to_open:
                self.open_until = self.clock() + self.cooldown

    @property
    def is_open(self):
        return self.failures >= self.failures_to_open and self.clock() < self.open_until


breaker = CircuitBreaker(
    settings.ELASTICSEARCH_BREAKER_FAILURES, settings.ELASTICSEARCH_BREAKER_COOLDOWN
)


class QueryRefused(RuntimeError):
    """Elasticsearch answered, and refused what we asked (a 400, a missing alias): a bug."""


REFUSED_COUNT_KEY = "search:refused-queries"


def refused_queries():
    """How many queries Elasticsearch refused since the count was last reset (all processes)."""
    return cache.get(REFUSED_COUNT_KEY, 0)


def _count_refused():
    if not cache.add(REFUSED_COUNT_KEY, 1, timeout=None):
        # Evicted since, or the cache is away: the refusal is logged anyway.
        with contextlib.suppress(ValueError):
            cache.incr(REFUSED_COUNT_KEY)


def elasticsearch_or_database(elasticsearch, database):
    """Elasticsearch's answer; the database's only when Elasticsearch is not configured, away,
    overloaded or cooling down. A refused query is a bug, not an outage: it is logged as
    an error and counted, and with SEARCH_FAIL_LOUD (the tests) it raises; otherwise the
    buyer still gets the database's answer."""
    if not elasticsearch_enabled() or not breaker.allow():
        return database()
    try:
        answer = elasticsearch()
    except UNAVAILABLE as error:
        if is_busy(error):
            logger.info("Elasticsearch busy (429), the database answers this one: %s", error)
            return database()
        if is_outage(error):
            breaker.record_failure(hung=is_timeout(error))
            logger.warning("Elasticsearch unavailable, the database answers: %s", error)
            return database()
        _count_refused()
        logger.error("Elasticsearch refused a query (a bug, not an outage): %s", error)
        if settings.SEARCH_FAIL_LOUD:
            raise QueryRefused(str(error)) from error
        return database()
    breaker.record_success()
    return answer
