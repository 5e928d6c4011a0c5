"""The page cache: cached pages cost no query, and a change shows everywhere at once.

These run against whatever cache the settings configure: local memory by
default, Redis when REDIS_URL is set (CI runs the suite both ways).
"""

import pytest
from django.core.cache import cache as django_cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pagecache import keys as cache
from tests.factories import (
    AuthorFactory,
    SectionFactory,
    TagFactory,
    corrected,
    published,
    republished,
)

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def test_a_cached_page_is_served_without_any_database_query(client, django_assert_num_queries):
    article = published()
    paths = [
        "/ar/",
        f"/ar/news/{article.pk}/{article.slug}/",
        "/ar/section/politics/",
        "/ar/feeds/rss/",
        "/sitemap.xml",
        "/sitemap-stories-ar.xml",
    ]
    first = {path: client.get(path) for path in paths}
    with django_assert_num_queries(0):
        for path in paths:
            again = client.get(path)
            assert again.status_code == 200
            assert again.content == first[path].content


def test_pages_carry_an_etag_and_answer_304_when_it_still_matches(client):
    published()
    response = client.get("/ar/")
    etag = response["ETag"]
    assert etag
    assert "no-cache" in response["Cache-Control"] and "public" in response["Cache-Control"]
    again = client.get("/ar/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_a_stale_etag_gets_the_new_page(client, django_capture_on_commit_callbacks):
    article = published()
    etag = client.get("/ar/")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        republished(article, headline_ar="عنوان جديد بعد التعديل")
    response = client.get("/ar/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "عنوان جديد بعد التعديل" in body(response)


def _every_page(article, tag, author):
    local = timezone.localtime(article.first_published_at)
    pages = []
    for language in ("ar", "en"):
        pages += [
            f"/{language}/",
            f"/{language}/news/{article.pk}/{article.slug}/",
            f"/{language}/section/politics/",
            f"/{language}/tag/{tag.slug}/",
            f"/{language}/author/{author.slug}/",
            f"/{language}/archive/{local.year}/{local.month}/",
            f"/{language}/feeds/rss/",
            f"/{language}/feeds/atom/",
            f"/{language}/section/politics/rss/",
        ]
    return [*pages, "/sitemap-news.xml"]


def test_an_approved_revision_replaces_the_live_one_on_every_page_at_once(client, django_capture_on_commit_callbacks):
    tag, author = TagFactory(slug="iraq"), AuthorFactory(slug="sara")
    article = published(tags=[tag], authors=[author], headline_ar="العنوان الأول", headline_en="First headline")
    pages = _every_page(article, tag, author)
    for path in pages:  # fill the cache
        assert client.get(path).status_code == 200, path

    with django_capture_on_commit_callbacks(execute=True):
        republished(article, headline_ar="العنوان الثاني", headline_en="Second headline")

    for path in pages:
        page = body(client.get(path))
        assert "العنوان الأول" not in page and "First headline" not in page, path
        assert "العنوان الثاني" in page or "Second headline" in page, path


def test_a_correction_shows_on_the_cached_story_and_its_feed(client, django_capture_on_commit_callbacks):
    article = published()
    story, feed = f"/en/news/{article.pk}/{article.slug}/", "/en/feeds/rss/"
    client.get(story), client.get(feed)
    with django_capture_on_commit_callbacks(execute=True):
        corrected(article, text_en="The spokesman's name was misspelt.")
    assert "misspelt" in body(client.get(story))
    assert "misspelt" in body(client.get(feed))


def test_unpublishing_removes_the_story_from_cached_lists_and_its_page_turns_410(
    client, moderator, django_capture_on_commit_callbacks
):
    from articles import services

    article = published(tags=[TagFactory(slug="iraq")])
    story = f"/ar/news/{article.pk}/{article.slug}/"
    for path in ("/ar/", "/ar/tag/iraq/", story):
        client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=article, user=moderator, reason="Legal")
    assert client.get(story).status_code == 410
    assert f"/news/{article.pk}/" not in body(client.get("/ar/tag/iraq/"))
    assert f"/news/{article.pk}/" not in body(client.get("/ar/"))


def test_a_story_moved_to_another_section_leaves_the_old_sections_cached_page(
    client, django_capture_on_commit_callbacks
):
    article = published()
    world = SectionFactory(slug="world")
    assert f"/news/{article.pk}/" in body(client.get("/ar/section/politics/"))
    client.get("/ar/section/world/")
    with django_capture_on_commit_callbacks(execute=True):
        republished(article, section=world)
    assert f"/news/{article.pk}/" not in body(client.get("/ar/section/politics/"))
    assert f"/news/{article.pk}/" in body(client.get("/ar/section/world/"))


def test_a_change_leaves_unrelated_cached_pages_alone(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """Invalidation is precise: another story's tag page is still served from the cache."""
    published(tags=[TagFactory(slug="oil")], section=SectionFactory(slug="economy"))
    changed = published(tags=[TagFactory(slug="iraq")])
    client.get("/ar/tag/oil/"), client.get("/ar/section/economy/")
    with django_capture_on_commit_callbacks(execute=True):
        republished(changed, headline_ar="تعديل لا يمس النفط")
    with django_assert_num_queries(0):
        client.get("/ar/tag/oil/")
        client.get("/ar/section/economy/")


def test_invalidation_bumps_only_the_story_keys(django_capture_on_commit_callbacks):
    tag, author = TagFactory(slug="iraq"), AuthorFactory(slug="sara")
    article = published(tags=[tag], authors=[author])
    keys = cache.keys_for_story(article)
    local = timezone.localtime(article.first_published_at)
    assert keys == {
        f"story:{article.pk}",
        cache.LIVE,
        "section:politics",
        "tag:iraq",
        "author:sara",
        f"archive:{local.year}",
        f"archive:{local.year}-{local.month}",
        f"archive:{local.year}-{local.month}-{local.day}",
    }
    before = django_cache.get_many([cache.version_name(key) for key in keys])
    with django_capture_on_commit_callbacks(execute=True):
        corrected(article)
    after = django_cache.get_many([cache.version_name(key) for key in keys])
    assert len(after) == len(keys)
    assert all(after[name] != before.get(name) for name in after)


def test_signed_in_staff_bypass_the_cache_and_get_private_pages(client, editor, django_assert_num_queries):
    article = published()
    path = f"/ar/news/{article.pk}/{article.slug}/"
    client.get(path)  # cached for readers
    client.force_login(editor)
    response = client.get(path)
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


def test_a_page_rendered_for_staff_is_not_stored_for_readers(client, editor):
    published()
    client.force_login(editor)
    client.get("/ar/")
    reader = Client()
    assert _queries(reader, "/ar/") > 0  # rendered for the reader, not taken from the staff visit


def test_unknown_query_parameters_are_served_but_not_stored(client):
    published()
    client.get("/ar/?utm_source=x")
    assert _queries(client, "/ar/?utm_source=x") > 0
    assert _queries(client, "/ar/?utm_source=y") > 0


def test_with_redis_url_the_pages_are_cached_in_redis(settings):
    """The invalidation tests above then run against Redis, as several app servers would share it."""
    import os

    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: the cache is local memory")
    assert settings.CACHES["default"]["BACKEND"] == "newsroom.cache.ResilientRedisCache"
    django_cache.set("probe", "value")
    assert django_cache.get("probe") == "value"


def test_the_page_cache_can_be_switched_off(client, settings):
    published()
    settings.NEWSROOM_PAGE_CACHE = False
    client.get("/ar/")
    assert _queries(client, "/ar/") > 0


def test_search_results_are_cached_per_query_and_refreshed_by_a_publication(client, django_capture_on_commit_callbacks):
    published(headline_ar="محادثات التحالف الأولى")
    url = "/ar/search/?q=التحالف"
    first = client.get(url).content.decode()
    assert _queries(client, url) == 0
    assert _queries(client, "/ar/search/?q=العراق") > 0  # another query, another page
    with django_capture_on_commit_callbacks(execute=True):
        published(headline_ar="محادثات التحالف الثانية")
    assert "الثانية" in client.get(url).content.decode()  # (the matched word is in <mark>)
    assert "الثانية" not in first


def test_cached_search_results_drop_a_withdrawn_story_and_show_a_corrected_one_anew(
    client, django_capture_on_commit_callbacks
):
    from articles import services
    from tests.factories import ModeratorFactory

    kept = published(headline_ar="محادثات التحالف الأولى", body_ar="<p>النص الأول عن التحالف</p>")
    withdrawn = published(headline_ar="محادثات التحالف المسحوبة")
    url = "/ar/search/?q=التحالف"
    assert "المسحوبة" in client.get(url).content.decode()
    assert _queries(client, url) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=withdrawn, user=ModeratorFactory(), reason="Withdrawn for the test")
    page = client.get(url).content.decode()
    assert "المسحوبة" not in page and "الأولى" in page
    assert _queries(client, url) == 0
    with django_capture_on_commit_callbacks(execute=True):
        republished(kept, body_ar="<p>النص الثاني عن التحالف</p>")
    assert "النص الثاني عن <mark>التحالف</mark>" in client.get(url).content.decode()


def test_very_long_queries_are_answered_but_not_stored(client):
    published()
    url = "/ar/search/?q=" + "التحالف " * 30
    client.get(url)
    assert _queries(client, url) > 0


def test_a_stored_page_is_answered_before_the_rest_of_the_stack_with_its_headers(client, monkeypatch):
    article = published()
    url = f"/ar/news/{article.pk}/{article.slug}/"
    first = client.get(url)

    def no_view(*args, **kwargs):
        raise AssertionError("the view ran for a stored page")

    monkeypatch.setattr("django.contrib.sessions.middleware.SessionMiddleware.process_request", no_view)
    again = client.get(url)
    assert again.content == first.content
    assert again["Content-Length"] == str(len(first.content))
    assert again["X-Frame-Options"] == "DENY"
    assert again["Content-Language"] == "ar"
    assert "Content-Security-Policy" in again


@pytest.mark.parametrize("path", ["/ar/", "story", "/ar/feeds/rss/", "/sitemap.xml"])
def test_a_hit_has_every_header_the_page_had_when_it_was_rendered(client, path):
    article = published()
    path = f"/ar/news/{article.pk}/{article.slug}/" if path == "story" else path
    first = client.get(path)
    again = client.get(path)
    assert again.content == first.content
    rendered = {name: value for name, value in first.headers.items() if name not in ("Vary", "Set-Cookie")}
    assert dict(again.headers) == rendered
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert name in again
    assert again["Cache-Control"] == "public, no-cache"
    assert "Set-Cookie" not in again and not again.cookies


def test_a_hit_skips_the_middleware_below_the_page_cache(client, monkeypatch):
    article = published()
    url = f"/ar/news/{article.pk}/{article.slug}/"
    first = client.get(url)

    def not_for_a_hit(*args, **kwargs):
        raise AssertionError("a stored page went through the middleware below the page cache")

    monkeypatch.setattr("django.middleware.clickjacking.XFrameOptionsMiddleware.process_response", not_for_a_hit)
    monkeypatch.setattr("whitenoise.middleware.WhiteNoiseMiddleware.__call__", not_for_a_hit)
    monkeypatch.setattr("api.middleware.CorsMiddleware.__call__", not_for_a_hit)
    monkeypatch.setattr("newsroom.database.RetryReadsOnLostConnectionMiddleware.__call__", not_for_a_hit)
    again = client.get(url)
    assert again.content == first.content
    assert again["X-Frame-Options"] == "DENY"  # stored with the page


def test_a_head_request_is_answered_from_the_store_without_a_body(client, django_assert_num_queries):
    article = published()
    url = f"/ar/news/{article.pk}/{article.slug}/"
    page = client.get(url)
    with django_assert_num_queries(0):
        head = client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(page.content))
    assert head["ETag"] == page["ETag"]


def test_a_hit_answers_304_only_to_its_own_etag(client):
    published()
    etag = client.get("/ar/")["ETag"]
    assert client.get("/ar/", headers={"if-none-match": etag}).status_code == 304
    other = client.get("/ar/", headers={"if-none-match": '"another"'})
    assert other.status_code == 200 and other["ETag"] == etag
    assert client.get("/ar/", headers={"if-match": '"another"'}).status_code == 412


def test_an_editors_request_is_never_answered_from_the_store(client, editor):
    article = published()
    url = f"/ar/news/{article.pk}/{article.slug}/"
    client.get(url)
    client.force_login(editor)
    assert "private" in client.get(url)["Cache-Control"]


@pytest.fixture
def page_cache_calls(monkeypatch):
    """Every call the page cache makes to the cache backend (sessions' calls are not counted)."""
    from django.core.cache import caches

    calls = []
    inside = []  # local memory's get_many calls its own get: count the outer call only
    backend = caches["default"]
    for name in ("get", "get_many", "read_many", "set", "set_many", "add", "delete", "delete_many", "has_key"):
        original = getattr(backend, name, None)
        if original is None:  # read_many: Redis only
            continue

        def counted(first, *args, _original=original, _name=name, **kwargs):
            names = [first] if isinstance(first, str) else list(first)
            if not inside and any(str(key).startswith(cache.namespace() + ":") for key in names):
                calls.append((_name, names))
            inside.append(_name)
            try:
                return _original(first, *args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(backend, name, counted)
    return calls


def test_requests_the_cache_cannot_answer_make_no_page_cache_call(client, editor, page_cache_calls):
    article = published()
    story = f"/ar/news/{article.pk}/{article.slug}/"
    client.get("/ar/"), client.get(story)  # stored for readers
    page_cache_calls.clear()

    client.get("/admin/login/")
    client.get("/admin/articles/article/?q=التحالف")
    client.post("/ar/search/", {"q": "التحالف"})
    client.get("/robots.txt")
    client.get("/static/css/site.css")
    client.get("/ar/?utm_source=newsletter")  # a parameter the home page does not read
    client.get(f"{story}?comment=7")  # nor the story page
    client.force_login(editor)
    client.get("/ar/")
    client.get(story)
    client.get("/admin/")
    assert page_cache_calls == []


def test_a_readers_hit_is_one_page_cache_call(client, page_cache_calls):
    article = published()
    story = f"/ar/news/{article.pk}/{article.slug}/"
    client.get(story)
    client.get(story)  # learns which versions to read with the page
    page_cache_calls.clear()
    client.get(story)
    assert len(page_cache_calls) == 1
    assert page_cache_calls[0][0] in ("get_many", "read_many")
