"""Stored pages are kept as one string of bytes, and anything else under a page's name is a miss."""

import pickle

import pytest
from django.core.cache import cache

from pagecache import keys, store
from pagecache.store import FORMAT, StoredPage
from tests.factories import published

pytestmark = pytest.mark.django_db


def story_path(article) -> str:
    return f"/ar/news/{article.pk}/{article.slug}/"


def stored_name(client, path: str) -> str:
    request = client.get(path).wsgi_request
    return keys.page_name(request.get_host(), request.path, "")


def test_a_page_comes_back_from_its_bytes_as_it_was_packed():
    page = StoredPage(
        200,
        [("Content-Type", "text/html; charset=utf-8"), ("ETag", '"abc"'), ("Surrogate-Key", "nav story:7")],
        "<p>خبر\nعاجل</p>".encode(),
        {"site-x:dep:nav": 2**61 + 5, "site-x:dep:story:7": 12345},
        3,
    )
    blob = page.pack()
    assert isinstance(blob, bytes) and blob.startswith(FORMAT)
    assert StoredPage.unpack(blob) == page


@pytest.mark.parametrize(
    "entry",
    [
        None,
        {"status": 200, "content": b"<p>old</p>", "headers": [], "versions": {}, "epoch": 0},  # before bytes
        pickle.dumps({"status": 200}),
        b"<!doctype html><p>a page without the layout line</p>",
        FORMAT + b"not json\n<p>body</p>",
        FORMAT + b"[1, 200]\n<p>body</p>",
        FORMAT + b"7\n<p>body</p>",
        FORMAT + b"[1, 200, {}, []]",
        "a string",
    ],
    ids=["missing", "old dict", "pickled bytes", "other bytes", "damaged", "short", "number", "no body line", "str"],
)
def test_anything_but_a_page_of_this_layout_is_no_page(entry):
    assert StoredPage.unpack(entry) is None


def test_a_page_is_stored_as_bytes_under_a_name_of_its_layout(client):
    article = published()
    name = stored_name(client, story_path(article))
    assert f":page:{keys.PAGE_LAYOUT}:" in name
    blob = cache.get(name)
    assert isinstance(blob, bytes) and blob.startswith(FORMAT)
    page = StoredPage.unpack(blob)
    assert page.status == 200
    assert page.body == client.get(story_path(article)).content
    assert dict(page.headers)["Content-Language"] == "ar"
    assert set(page.versions) >= {keys.version_name(keys.NAV), keys.version_name(f"story:{article.pk}")}


@pytest.mark.parametrize(
    "old",
    [
        {"status": 200, "content": b"<p>old</p>", "headers": [("Content-Type", "text/html")], "versions": {}},
        b"<p>old bytes</p>",
    ],
    ids=["dict", "bytes"],
)
def test_an_entry_of_an_older_shape_is_rendered_again_and_replaced(client, django_assert_num_queries, old):
    article = published()
    path = story_path(article)
    name = stored_name(client, path)
    cache.set(name, old, timeout=60)
    response = client.get(path)
    assert response.status_code == 200
    assert article.headline_ar in response.content.decode()
    assert StoredPage.unpack(cache.get(name)) is not None  # stored again, in this layout
    with django_assert_num_queries(0):
        assert client.get(path).content == response.content


def test_versions_are_kept_as_integers_so_a_hit_reads_them_without_unpickling(client):
    article = published()
    client.get(story_path(article))
    for key in (keys.NAV, f"story:{article.pk}"):
        assert type(cache.get(keys.version_name(key))) is int
    store.invalidate({f"story:{article.pk}"})
    assert type(cache.get(keys.version_name(f"story:{article.pk}"))) is int


def test_a_version_of_before_the_change_to_integers_is_checked_like_any_other(client):
    article = published()
    path = story_path(article)
    name = stored_name(client, path)
    cache.set(keys.version_name(f"story:{article.pk}"), "9f86d081884c7d659a2feaa0c55ad015", timeout=60)
    assert store.fresh_page(name) is None  # the version differs: rendered again
    client.get(path)
    assert store.fresh_page(name) is not None  # and stored against the string it found


def test_a_page_whose_version_changed_is_no_longer_fresh(client):
    article = published()
    name = stored_name(client, story_path(article))
    assert store.fresh_page(name) is not None
    store.invalidate({f"story:{article.pk}"})
    assert store.fresh_page(name) is None


def test_an_expired_page_is_drawn_again_by_one_request_while_the_others_are_answered_the_stored_one(
    client, settings, monkeypatch, django_assert_num_queries
):
    """When every request drew it again, a phrase search asked by eight readers at once answered none for seconds."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    article = published()
    path = story_path(article)
    clock = [1_000_000.0]
    monkeypatch.setattr(store, "_now", lambda: clock[0])
    name = stored_name(client, path)
    assert StoredPage.unpack(cache.get(name)).renew_at == 1_000_600.0
    stored = client.get(path).content

    clock[0] += 601  # due to be drawn again
    assert store.fresh_page(name) is None  # the first request to see it draws it
    for _ in range(3):  # the others, meanwhile, are answered the stored page
        with django_assert_num_queries(0):
            assert client.get(path).content == stored
    client.cookies.clear()
    store.keep(name, StoredPage.unpack(cache.get(name)))  # the first one's page, stored
    assert StoredPage.unpack(cache.get(name)).renew_at == clock[0] + 600
    clock[0] += 599
    assert store.fresh_page(name) is not None and cache.get(f"{name}:renewing") is None

    clock[0] += 2  # due again, and the one drawing it failed: after its time another may try
    assert store.fresh_page(name) is None
    assert store.fresh_page(name) is not None
    cache.delete(f"{name}:renewing")  # its time is up
    assert store.fresh_page(name) is None


def test_a_page_whose_story_changed_is_never_answered_while_it_is_drawn_again(client, settings, monkeypatch):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    article = published()
    clock = [1_000_000.0]
    monkeypatch.setattr(store, "_now", lambda: clock[0])
    name = stored_name(client, story_path(article))
    clock[0] += 601
    assert store.fresh_page(name) is None  # being drawn again
    store.invalidate({f"story:{article.pk}"})
    assert store.fresh_page(name) is None  # and changed: nobody is answered the old one
    assert store.fresh_page(name) is None


def test_a_page_is_kept_twice_its_time_and_its_versions_three_times(settings, monkeypatch):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    timeouts = {}
    monkeypatch.setattr(cache, "set", lambda name, value, timeout: timeouts.__setitem__(name, timeout))
    monkeypatch.setattr(
        cache, "set_many", lambda values, timeout: timeouts.update(dict.fromkeys(values, timeout)) or []
    )
    store.keep("site-x:page:test", StoredPage(200, [], b"<p>page</p>", {}, 1))
    store.invalidate({"story:1"})
    assert timeouts == {"site-x:page:test": 1200, keys.version_name("story:1"): 1800}


def test_a_page_stored_before_pages_were_renewed_is_read_and_lives_by_its_lifetime():
    old = FORMAT + b'[3,200,{},[["Content-Type","text/html"]]]\n<p>body</p>'
    page = StoredPage.unpack(old)
    assert (page.epoch, page.body, page.renew_at) == (3, b"<p>body</p>", 0.0)
