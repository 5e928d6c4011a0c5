import pytest
from django.core.cache import caches

from newsroom.cache import ResilientRedisCache
from newsroom.settings.env import cache_config
from tests.servers import redis_server

# How long the Redis backend leaves Redis alone after a failure, in these
# tests; a test waits this long after Redis is back before reading.
RETRY_AFTER = 1.0


@pytest.fixture
def redis(tmp_path, settings, monkeypatch):
    """The site's cache on a private redis-server of this test's own, which it may break."""
    monkeypatch.setattr(ResilientRedisCache, "retry_after", RETRY_AFTER)
    with redis_server(tmp_path) as server:
        settings.CACHES = cache_config(server.url)
        yield server
        caches["default"].close()
