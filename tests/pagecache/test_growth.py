"""Nobody can make the page cache grow without bound (issue 14, hole 5).

Only the parameters a page reads make another stored page, in their
canonical form; a 404 is never stored and leaves no key behind; everything
stored has a lifetime. Counted in a private Redis, key by key.
"""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TagFactory, published

pytestmark = pytest.mark.django_db


def _keys(redis) -> list[bytes]:
    return redis.client().keys("*")


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


def test_a_bounded_flood_of_junk_addresses_stores_nothing_new(client, redis):
    article = published(tags=[TagFactory(slug="iraq")])
    story = f"/ar/news/{article.pk}/{article.slug}/"
    genuine = ["/ar/", story, "/ar/tag/iraq/", "/ar/section/politics/"]
    for path in genuine:
        assert client.get(path).status_code == 200
    before = len(_keys(redis))
    assert before > len(genuine)  # the pages and the versions they were checked against

    draw = random.Random(14)
    flood = []
    for _ in range(60):
        flood += [
            f"/ar/?p={draw.randrange(10**9)}",  # the home page reads no parameter
            f"{story}?page={draw.randrange(10**9)}",  # nor does a story
            f"/ar/tag/no-such-tag-{draw.randrange(10**9)}/",  # 404
            f"/ar/section/politics/?page={draw.randrange(2, 10**5)}",  # past the last page: 404
            f"/ar/section/politics/?page=x{draw.randrange(10**9)}",  # not a number
        ]
    assert len(flood) == 300
    for path in flood:
        assert client.get(path).status_code in (200, 404), path

    after = _keys(redis)
    assert len(after) <= before, sorted(set(after))[:20]
    # Every key the page cache keeps has a lifetime.
    lifetimes = {key: redis.client().ttl(key) for key in after}
    assert all(seconds > 0 for seconds in lifetimes.values()), lifetimes


def test_a_404_is_not_stored_and_leaves_no_version_behind(client, redis):
    published()
    client.get("/ar/")
    before = set(_keys(redis))
    assert client.get("/ar/tag/nothing-here/").status_code == 404
    assert client.get("/ar/author/nobody/").status_code == 404
    assert set(_keys(redis)) == before
    assert _queries(client, "/ar/tag/nothing-here/") > 0  # answered again, not from a store


def test_the_first_page_is_stored_once_however_it_is_written(client):
    published()
    client.get("/ar/section/politics/")
    for variant in ("?page=1", "?page=01", "?page=%201"):
        assert _queries(client, "/ar/section/politics/" + variant) == 0, variant


def test_a_page_number_given_twice_is_answered_but_not_stored(client):
    published()
    client.get("/ar/section/politics/?page=1&page=1")
    assert _queries(client, "/ar/section/politics/?page=1&page=1") > 0


def test_every_stored_page_and_version_has_a_lifetime(client, redis, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 120
    article = published()
    client.get(f"/ar/news/{article.pk}/{article.slug}/")
    keys = _keys(redis)
    pages = [key for key in keys if b":page:" in key]
    versions = [key for key in keys if b":dep:" in key]
    assert pages and versions
    # A page is drawn again after 120 s and kept twice as long, so readers are answered while one draws it.
    assert all(120 < redis.client().ttl(key) <= 240 for key in pages)
    assert all(240 < redis.client().ttl(key) <= 360 for key in versions)
