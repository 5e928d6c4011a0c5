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
