"""sitemap.xml with hreflang alternates, the Google News sitemap and robots.txt."""

from datetime import datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri

from articles.models import Article
from tests.factories import published

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def entries(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    return {url.find("s:loc", NS).text: url for url in root.findall("s:url", NS)}


def sitemap_entries(client):
    """Every entry of every sitemap the index at /sitemap.xml names."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ElementTree.fromstring(response.content)
    urls = {}
    for sitemap in index.findall("s:sitemap", NS):
        urls.update(entries(client, sitemap.find("s:loc", NS).text.removeprefix("http://testserver")))
    return urls


def test_sitemap_is_an_index_of_pages(client, settings):
    from articles.sitemaps import StorySitemap

    for _ in range(3):
        published()
    StorySitemap.limit = 2
    try:
        index = ElementTree.fromstring(client.get("/sitemap.xml").content)
        pages = sorted(sitemap.find("s:loc", NS).text for sitemap in index.findall("s:sitemap", NS))
        assert "http://testserver/sitemap-stories-ar.xml?p=2" in pages  # three stories, two a page
        assert "http://testserver/sitemap-stories-en.xml?p=2" in pages
        assert "http://testserver/sitemap-home.xml" in pages and "http://testserver/sitemap-sections.xml" in pages
        first = entries(client, "/sitemap-stories-ar.xml")
        second = entries(client, "/sitemap-stories-ar.xml?p=2")
        assert len(first) == 2 and len(second) == 1
        assert not set(first) & set(second)
        assert all("/ar/news/" in url for url in [*first, *second])
    finally:
        StorySitemap.limit = 500


def test_story_addresses_in_the_sitemap_are_the_stories_own(client):
    arabic = published(headline_en="", body_en="", standfirst_en="", headline_ar="محادثات الانسحاب")
    with translation.override("ar"):
        expected = "http://testserver" + Article.objects.get(pk=arabic.pk).get_absolute_url()
    assert expected in sitemap_entries(client)


def test_sitemap_lists_each_story_in_each_edition_it_has(client):
    both = published()
    arabic_only = published(headline_en="", body_en="", standfirst_en="")
    urls = sitemap_entries(client)
    assert f"http://testserver/ar/news/{both.pk}/{both.slug}/" in urls
    assert f"http://testserver/en/news/{both.pk}/{both.slug}/" in urls
    assert iri_to_uri(f"http://testserver/ar/news/{arabic_only.pk}/{arabic_only.slug}/") in urls
    assert not any(f"/en/news/{arabic_only.pk}/" in url for url in urls)
    assert "http://testserver/ar/" in urls and "http://testserver/en/section/politics/" in urls


def test_sitemap_entries_name_their_other_editions(client):
    article = published()
    url = sitemap_entries(client)[f"http://testserver/ar/news/{article.pk}/{article.slug}/"]
    links = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
    assert links == {
        "ar": f"http://testserver/ar/news/{article.pk}/{article.slug}/",
        "en": f"http://testserver/en/news/{article.pk}/{article.slug}/",
        "x-default": f"http://testserver/ar/news/{article.pk}/{article.slug}/",
    }
    assert url.find("s:lastmod", NS) is not None


def test_news_sitemap_has_the_last_two_days_only(client):
    recent = published(headline_ar="خبر اليوم")
    old = published(headline_ar="خبر قديم")
    Article.objects.filter(pk=old.pk).update(first_published_at=timezone.now() - timedelta(days=3))
    urls = entries(client, "/sitemap-news.xml")
    recent_ar = urls[f"http://testserver/ar/news/{recent.pk}/{recent.slug}/"]
    assert recent_ar.find("news:news/news:title", NS).text == "خبر اليوم"
    assert recent_ar.find("news:news/news:publication/news:language", NS).text == "ar"
    assert recent_ar.find("news:news/news:publication/news:name", NS).text == "الخبر"
    assert recent_ar.find("news:news/news:publication_date", NS).text
    assert f"http://testserver/en/news/{recent.pk}/{recent.slug}/" in urls
    assert not any(f"/news/{old.pk}/" in url for url in urls)


def test_robots_txt_points_at_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def _index(client) -> dict[str, str | None]:
    """Each sitemap the index names, with its lastmod."""
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {
        sitemap.find("s:loc", NS).text: getattr(sitemap.find("s:lastmod", NS), "text", None)
        for sitemap in index.findall("s:sitemap", NS)
    }


def test_the_index_follows_each_story_published_updated_and_withdrawn(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from articles import services
    from articles.sitemaps import StorySitemap
    from tests.factories import ModeratorFactory, republished

    settings.NEWSROOM_PAGE_CACHE = False  # the index itself is made each time: what it counts is kept
    monkeypatch.setattr(StorySitemap, "limit", 2)
    first, second = published(), published()
    assert "http://testserver/sitemap-stories-ar.xml?p=2" not in _index(client)
    assert client.get("/sitemap-stories-ar.xml?p=2").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):  # announced once committed
        third = published()
    index = _index(client)
    assert "http://testserver/sitemap-stories-ar.xml?p=2" in index
    assert len(entries(client, "/sitemap-stories-ar.xml?p=2")) == 1
    # Its newest change: the newest story going live, then an update of an older one.
    stories_ar = "http://testserver/sitemap-stories-ar.xml"
    assert datetime.fromisoformat(index[stories_ar]) == third.first_published_at
    with django_capture_on_commit_callbacks(execute=True):
        updated = republished(first, headline_ar="عنوان جديد")
    assert datetime.fromisoformat(_index(client)[stories_ar]) == updated.last_updated_at
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=third, user=ModeratorFactory(), reason="Withdrawn for the test")
        services.article_unpublish(article=second, user=ModeratorFactory(), reason="Withdrawn for the test")
    assert "http://testserver/sitemap-stories-ar.xml?p=2" not in _index(client)
    assert client.get("/sitemap-stories-ar.xml?p=2").status_code == 404


def test_the_index_is_counted_once_until_a_story_changes(
    client, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = False
    published()
    client.get("/sitemap.xml")
    with django_assert_num_queries(1):  # the sections; each edition's size and newest change are kept
        assert client.get("/sitemap.xml").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        published()
    with django_assert_num_queries(3):
        assert client.get("/sitemap.xml").status_code == 200


def test_without_a_cache_the_index_counts_every_time(client, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    published()
    assert "http://testserver/sitemap-stories-ar.xml" in _index(client)
    published()  # no announcement reaches a cache that is not there; nothing kept, nothing stale
    assert len(entries(client, "/sitemap-stories-ar.xml")) == 2


def test_the_index_says_what_djangos_own_index_says(client, rf, monkeypatch):
    from django.contrib.sitemaps import views as sitemap_views

    from articles.sitemaps import SITEMAPS, StorySitemap

    monkeypatch.setattr(StorySitemap, "limit", 2)
    for english in (True, False, True, True, False):
        published(**({} if english else {"headline_en": "", "standfirst_en": "", "dateline_en": "", "body_en": ""}))
    django_index = sitemap_views.index(rf.get("/sitemap.xml"), sitemaps=SITEMAPS, sitemap_url_name="sitemap_section")
    django_index.render()
    ours = client.get("/sitemap.xml")
    assert ours.content == django_index.content
    assert ours["X-Robots-Tag"] == django_index["X-Robots-Tag"]
