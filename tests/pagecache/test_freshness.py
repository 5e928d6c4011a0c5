"""The epoch: what makes a stored page untrustworthy when Redis lost an invalidation, and what it costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache import freshness, receivers, store
from tests.factories import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(freshness, "_clock", lambda: now[0])
    return now


def test_a_hit_asks_the_database_at_most_once_per_interval(client, settings, clock, django_assert_num_queries):
    settings.NEWSROOM_PAGE_CACHE_CHECK_SECONDS = 1.0
    article = published()
    path = f"/ar/news/{article.pk}/{article.slug}/"
    client.get(path)  # rendered and stored; the epoch was read
    with django_assert_num_queries(0):
        for _ in range(20):
            assert client.get(path).status_code == 200
    clock[0] += 1.5
    with django_assert_num_queries(1):  # one primary-key read of a one-row table
        for _ in range(20):
            assert client.get(path).status_code == 200


def test_an_unconfirmed_invalidation_makes_every_stored_page_stale(client, monkeypatch):
    article = published()
    paths = ["/ar/", f"/ar/news/{article.pk}/{article.slug}/"]
    for path in paths:
        client.get(path)
    monkeypatch.setattr(store, "invalidate", lambda keys: False)  # Redis did not confirm
    receivers.forget({"story:0"})
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        assert len(queries) > 0, path  # rendered again


def test_a_raised_epoch_reaches_another_process_at_its_next_check(settings, clock):
    settings.NEWSROOM_PAGE_CACHE_CHECK_SECONDS = 1.0
    seen = freshness.current()
    freshness.distrust_stored_pages()  # another app server's failed invalidation, as the database holds it
    freshness.forget()  # this process has not heard of it
    freshness._known["epoch"] = seen
    freshness._known["checked"] = clock[0]
    assert freshness.current() == seen  # not asked yet
    clock[0] += 1.0
    assert freshness.current() > seen
