"""Every app server's readers get a change within seconds, though Redis lost its invalidation.

Two gunicorn app servers with production settings share PostgreSQL and a
private redis-server. A story is cached on both; Redis is stopped after a
snapshot, the story is unpublished (for legal reasons, say) while it is
down, and Redis comes back from the snapshot with the old pages and
versions. Neither server may serve the old page again: not in the seconds
after Redis returns, nor once their Redis clients trust it again.

Needs PostgreSQL (DATABASE_URL); reported as skipped without it.
"""

import time

import pytest
import requests
from django.db import connection
from django.utils import translation

from articles import services
from tests.factories import published
from tests.newsroom.test_multi_server import database_url
from tests.servers import app_servers, production_env

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="app servers share PostgreSQL (set DATABASE_URL)"),
]


def _gone_within(url: str, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if requests.get(url).status_code == 410:
            return True
        time.sleep(0.1)
    return False


def test_an_unpublish_while_redis_is_down_reaches_every_servers_readers(redis, static_root, moderator):
    env = production_env(database_url=database_url(), static_root=static_root, REDIS_URL=redis.url)
    article = published()
    with translation.override("ar"):
        path = article.get_absolute_url()
    with app_servers(env, 2) as (a, b):
        for server in (a, b):
            first = requests.get(server + path)
            assert first.status_code == 200
            assert requests.get(server + path).headers["ETag"] == first.headers["ETag"]  # stored
        redis.save()
        redis.stop()
        services.article_unpublish(article=article, user=moderator, reason="Legal")
        redis.start()  # with the stored pages and versions of before the unpublish
        back = time.monotonic()
        # Each server asks the database once a second whether stored pages may be trusted.
        assert [_gone_within(server + path, seconds=3) for server in (a, b)] == [True, True]
        # Past the time the servers leave a failed Redis alone (5 s): they read stored pages again.
        time.sleep(max(0.0, back + 6 - time.monotonic()))
        assert [requests.get(server + path).status_code for server in (a, b)] == [410, 410]
        assert redis.client().keys("*:page:*")  # Redis still holds the old page: it is not served
