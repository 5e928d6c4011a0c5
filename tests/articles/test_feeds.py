"""RSS and Atom feeds, per edition and per section, as feed readers parse them."""

import feedparser
import pytest

from tests.factories import AuthorFactory, SectionFactory, TagFactory, corrected, published

pytestmark = pytest.mark.django_db


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize(
    ("path", "version", "content_type"),
    [
        ("/ar/feeds/rss/", "rss20", "application/rss+xml"),
        ("/ar/feeds/atom/", "atom10", "application/atom+xml"),
        ("/en/feeds/rss/", "rss20", "application/rss+xml"),
        ("/en/feeds/atom/", "atom10", "application/atom+xml"),
    ],
)
def test_site_feeds_parse_and_list_live_stories(client, path, version, content_type):
    article = published(authors=[AuthorFactory(name_ar="سارة حسن", name_en="Sara Hassan")], tags=[TagFactory()])
    response, feed = parse(client, path)
    assert response["Content-Type"].startswith(content_type)
    assert feed.version == version
    language = path[1:3]
    assert feed.feed.get("language", language).startswith(language)
    [entry] = feed.entries
    assert entry.title == getattr(article, f"headline_{language}")
    assert entry.link == f"http://testserver/{language}/news/{article.pk}/{article.slug}/"
    assert entry.get("published_parsed") or entry.get("updated_parsed")
    assert ("سارة حسن" if language == "ar" else "Sara Hassan") in entry.get("author", "")
    assert entry.tags


def test_english_feed_lists_only_stories_with_english(client):
    published(headline_en="", body_en="", standfirst_en="")
    both = published()
    _, feed = parse(client, "/en/feeds/rss/")
    assert [entry.title for entry in feed.entries] == [both.headline_en]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_feeds_list_only_their_section(client, kind):
    politics = published(headline_ar="خبر سياسي")
    published(headline_ar="خبر اقتصادي", section=SectionFactory(slug="economy"))
    _, feed = parse(client, f"/ar/section/politics/{kind}/")
    assert [entry.title for entry in feed.entries] == [politics.headline_ar]
    assert "سياسة" in feed.feed.title


def test_unknown_section_feed_is_404(client):
    assert client.get("/ar/section/nowhere/rss/").status_code == 404


@pytest.mark.parametrize("path", ["/ar/feeds/rss/", "/en/feeds/atom/"])
def test_feed_entries_carry_corrections(client, path):
    article = published()
    corrected(article, text_ar="صُحّح اسم المتحدث.", text_en="The name of the spokesman was corrected.")
    _, feed = parse(client, path)
    [entry] = feed.entries
    text = entry.get("summary", "")
    assert ("صُحّح اسم المتحدث." if path.startswith("/ar/") else "The name of the spokesman was corrected.") in text
    if "/atom/" in path:
        assert entry.updated_parsed


def test_feed_text_is_escaped_not_injected(client):
    published(standfirst_ar="<script>alert(1)</script> & غير ذلك")
    response, feed = parse(client, "/ar/feeds/rss/")
    assert b"<script>" not in response.content
    assert "&lt;script&gt;" in feed.entries[0].summary or "<script>" not in feed.entries[0].summary


def test_entry_ids_survive_a_new_slug(client):
    from tests.factories import republished

    article = published()
    _, before = parse(client, "/en/feeds/atom/")
    from django.core.cache import cache

    republished(article, slug="a-new-address")
    cache.clear()
    _, after = parse(client, "/en/feeds/atom/")
    assert before.entries[0].id == after.entries[0].id
    assert before.entries[0].link != after.entries[0].link


@pytest.mark.parametrize("path", ["/ar/feeds/rss/", "/ar/feeds/atom/"])
def test_a_feed_is_written_into_its_response_at_once(client, path):
    """The XML is written into a string and the response takes it in one piece, not in a thousand."""
    from unittest import mock

    from django.http import HttpResponse

    for index in range(3):
        published(headline_ar=f"خبر {index}", tags=[TagFactory()], authors=[AuthorFactory()])
    written = []
    real = HttpResponse.write

    def counted(response, content):
        written.append(content)
        return real(response, content)

    with mock.patch.object(HttpResponse, "write", counted):
        response = client.get(path)
    assert response.status_code == 200
    assert len(written) == 1
    assert feedparser.parse(response.content).entries[2].title == "خبر 0"
