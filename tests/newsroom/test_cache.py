"""With Redis down, the site still answers; the error is logged, not shown."""

import logging
import os

import pytest
from django.core.cache import caches
from django.test import override_settings

from newsroom.settings.env import cache_config
from tests.servers import free_port

DOWN = cache_config(f"redis://127.0.0.1:{free_port()}/0")


@pytest.fixture
def down_cache():
    with override_settings(CACHES=DOWN):
        cache = caches["default"]
        yield cache
        cache.close()


def test_a_dead_redis_answers_as_a_miss_and_logs(down_cache, caplog):
    with caplog.at_level(logging.ERROR, logger="newsroom.cache"):
        assert down_cache.get("page", "fallback") == "fallback"
        assert down_cache.set("page", "html") is None
        assert down_cache.add("page", "html") is False
        assert down_cache.get_many(["a", "b"]) == {}
        assert down_cache.incr("version") is None
        assert down_cache.delete("page") is False
        assert down_cache.read_many(["page", "version"]) == [None, None]
    assert "Redis cache unavailable" in caplog.text
    assert caplog.text.count("Redis cache unavailable") == 1  # once per outage, not per call


@pytest.mark.django_db
def test_pages_are_served_while_redis_is_down(down_cache, client):
    response = client.get("/ar/")
    assert response.status_code == 200


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a running Redis (set REDIS_URL)")
def test_a_live_redis_works_through_the_same_backend():
    with override_settings(CACHES=cache_config(os.environ["REDIS_URL"])):
        cache = caches["default"]
        cache.set("newsroom-test-key", "قيمة", 30)
        assert cache.get("newsroom-test-key") == "قيمة"
        cache.delete("newsroom-test-key")
        cache.close()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a running Redis (set REDIS_URL)")
def test_read_many_answers_in_order_with_none_for_what_is_missing():
    with override_settings(CACHES=cache_config(os.environ["REDIS_URL"])):
        cache = caches["default"]
        cache.set_many({"newsroom-test-page": b"<p>page</p>", "newsroom-test-version": 2**61 + 1}, 30)
        names = ["newsroom-test-page", "newsroom-test-missing", "newsroom-test-version"]
        assert cache.read_many(names) == [b"<p>page</p>", None, 2**61 + 1]
        cache.delete_many(names)
        cache.close()
