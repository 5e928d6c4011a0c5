import pytest

from presence.backends import store
from tests.servers import redis_server


@pytest.fixture(autouse=True)
def _fresh_store():
    """Each test starts with no Redis client and no remembered outage."""
    store.reset()
    yield
    store.reset()


@pytest.fixture
def private_redis(tmp_path, settings):
    """Presence on a private redis-server of this test's own, which it may stop or pause."""
    with redis_server(tmp_path) as server:
        settings.NEWSROOM_PRESENCE_REDIS_URL = server.url
        yield server
        store.reset()


@pytest.fixture
def no_redis(settings):
    settings.NEWSROOM_PRESENCE_REDIS_URL = ""


@pytest.fixture(params=["database", "redis"])
def backend(request):
    """Each test of the store runs on the database and on Redis."""
    if request.param == "redis":
        yield request.getfixturevalue("private_redis")
    else:
        request.getfixturevalue("no_redis")
        yield None
