"""Page-cache keys: each site its own namespace, each page its canonical address."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.dependencies import page_number, search_words
from pagecache import keys
from tests.factories import published

pytestmark = pytest.mark.django_db


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


def test_the_namespace_is_derived_from_the_database_unless_set(settings, monkeypatch):
    settings.NEWSROOM_PAGE_CACHE_NAMESPACE = ""
    mine = keys.namespace()
    assert mine.startswith("site-")
    monkeypatch.setitem(connection.settings_dict, "NAME", str(connection.settings_dict["NAME"]) + "-other-site")
    assert keys.namespace() != mine  # another database, another site
    settings.NEWSROOM_PAGE_CACHE_NAMESPACE = "al-khabar"
    assert keys.namespace() == "al-khabar"
    assert keys.version_name("live") == "al-khabar:dep:live"


def test_two_sites_sharing_one_cache_never_serve_each_others_pages(client, settings):
    published(headline_ar="خبر الموقع الأول")
    settings.NEWSROOM_PAGE_CACHE_NAMESPACE = "first-site"
    assert "خبر الموقع الأول" in client.get("/ar/").content.decode()
    assert _queries(client, "/ar/") == 0  # stored for the first site
    settings.NEWSROOM_PAGE_CACHE_NAMESPACE = "second-site"
    assert _queries(client, "/ar/") > 0  # same host, same path, same cache: rendered for the second
    settings.NEWSROOM_PAGE_CACHE_NAMESPACE = "first-site"
    assert _queries(client, "/ar/") == 0


@pytest.mark.parametrize(
    ("value", "canonical"),
    [("1", ""), ("01", ""), (" 2 ", "2"), ("0", None), ("-3", None), ("abc", None), ("1e3", None), ("9" * 7, None)],
)
def test_page_numbers_are_canonical_or_not_kept(value, canonical):
    assert page_number(value) == canonical


def test_search_words_are_canonical_and_a_very_long_query_is_not_kept():
    assert search_words("  التحالف   الدولي ") == "التحالف الدولي"
    assert search_words("كلمة " * 50) is None
