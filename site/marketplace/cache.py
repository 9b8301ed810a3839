"""Redis as the shared cache, forgiving when it is away: Django's RedisCache raises on a
refused or timed-out connection, which would turn a cache outage into 500s on every page
that reads a facet label or counts a throttle. Here a read answers its default, a write
is skipped, an increment raises ValueError (a throttle then lets the attempt through),
each logged; the socket timeouts in settings keep every call under a second."""

import logging
from functools import wraps

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _forgiving(method, answer):
    @wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.warning("cache away (%s): %s", method.__name__, error)
            return answer(*args, **kwargs)

    return call


def _default(key, default=None, *args, **kwargs):
    return default


def _no_increment(*args, **kwargs):
    raise ValueError("the cache is away")


class RedisCache(DjangoRedisCache):
    get = _forgiving(DjangoRedisCache.get, _default)
    get_many = _forgiving(DjangoRedisCache.get_many, lambda *a, **k: {})
    has_key = _forgiving(DjangoRedisCache.has_key, lambda *a, **k: False)
    add = _forgiving(DjangoRedisCache.add, lambda *a, **k: False)
    set = _forgiving(DjangoRedisCache.set, lambda *a, **k: None)
    set_many = _forgiving(DjangoRedisCache.set_many, lambda keys, *a, **k: list(keys))
    touch = _forgiving(DjangoRedisCache.touch, lambda *a, **k: False)
    delete = _forgiving(DjangoRedisCache.delete, lambda *a, **k: False)
    delete_many = _forgiving(DjangoRedisCache.delete_many, lambda *a, **k: None)
    incr = _forgiving(DjangoRedisCache.incr, _no_increment)
    clear = _forgiving(DjangoRedisCache.clear, lambda *a, **k: False)
