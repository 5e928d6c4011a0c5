"""A Redis cache that degrades to "no cache" instead of failing requests.

The cache only ever makes the site faster. If Redis is down or slow, every
call answers as a miss (or a no-op), the error is logged once per outage,
and pages are served from the database. After a failure Redis is left alone
for a few seconds, so an outage does not add a timeout to every request.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("newsroom.cache")

_MISSES = {
    "get": lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None),
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    "add": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "touch": lambda args, kwargs: False,
    "set_many": lambda args, kwargs: list(args[0]) if args else [],
}


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one ``redis.Redis`` per connection pool.

    Django makes a new ``redis.Redis`` for every cache operation, and
    redis-py builds a table of a few hundred response callbacks each time:
    about a tenth of a millisecond, twice per cached page. The client is
    safe to share; its connections come from the pool either way.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, with failures logged and answered as misses."""

    retry_after = 5.0  # seconds to leave Redis alone after a failure

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._down_until = 0.0

    def _call(self, name, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return self._miss(name, args, kwargs)
        try:
            return getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            self._failed(error)
            return self._miss(name, args, kwargs)

    def _failed(self, error: RedisError) -> None:
        if self._down_until == 0.0 or time.monotonic() >= self._down_until:
            logger.error("Redis cache unavailable, serving without it: %s", error)
        self._down_until = time.monotonic() + self.retry_after

    def server_id(self) -> str | None:
        """Redis's run id, new at every start of the server; ``None`` while it does not answer.

        The page cache compares it to learn that Redis restarted, perhaps
        from a snapshot older than the last invalidation (``pagecache.freshness``).
        """
        if time.monotonic() < self._down_until:
            return None
        try:
            return self._cache.get_client(None, write=True).info("server").get("run_id")
        except RedisError as error:
            self._failed(error)
            return None

    def read_many(self, keys: list[str]) -> list:
        """The values of ``keys`` in their order (``None`` for each one missing), in one round trip.

        ``get_many`` without Django's check of every key, a loop over each
        key's characters that was half the cost of reading a stored page with
        its versions: for callers whose keys are made by their own code and
        known to be valid (the page cache's). Failures answer as misses.
        """
        if time.monotonic() < self._down_until:
            return [None] * len(keys)
        try:
            values = self._cache.get_client(None).mget([self.make_key(key) for key in keys])
        except RedisError as error:
            self._failed(error)
            return [None] * len(keys)
        loads = self._cache._serializer.loads
        return [None if value is None else loads(value) for value in values]

    @staticmethod
    def _miss(name, args, kwargs):
        miss = _MISSES.get(name)
        return miss(args, kwargs) if miss else None

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def clear(self):
        return self._call("clear")
