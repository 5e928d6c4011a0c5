"""Readers' side of live coverage: the story page, the update channel, the feed, the banner, JSON-LD."""

import json
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone, translation

from articles import services as article_services
from live import selectors, services, views
from tests.factories import published
from tests.live.conftest import post

pytestmark = pytest.mark.django_db

SCHEMA = Path(settings.BASE_DIR) / "live" / "schema"


@pytest.fixture(autouse=True)
def _committed_at_once(monkeypatch):
    """Each write here commits before the next request, as in production: after-commit work runs at once.

    (The test transaction never commits; that announcements wait for the
    commit is tested in ``test_services``.)
    """
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def url_of(article, language="ar"):
    with translation.override(language):
        return article.get_absolute_url()


def json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def properties(name: str) -> set[str]:
    return set((SCHEMA / f"{name}.txt").read_text().split())


def test_the_page_lists_entries_newest_first_pinned_first_with_key_events(client, coverage, reporter, story):
    now = timezone.now()
    post(coverage, reporter, ar="<p>الأول</p>", posted_at=now - timedelta(minutes=30), key_event=True)
    post(coverage, reporter, ar="<p>المثبت</p>", posted_at=now - timedelta(minutes=20), pinned=True)
    post(coverage, reporter, ar="<p>الأحدث</p>", posted_at=now - timedelta(minutes=10))
    html = client.get(url_of(story)).content.decode()
    assert html.index("المثبت") < html.index("الأحدث") < html.index(">الأول<")
    key_events = html[
        html.index('class="live-key-events"') : html.index("</nav>", html.index('class="live-key-events"'))
    ]
    assert "الأول" in key_events and "الأحدث" not in key_events
    assert 'data-live-updates="/ar/news/' in html


def test_each_edition_shows_the_entries_written_for_it(client, coverage, reporter, story):
    post(coverage, reporter, ar="<p>بالعربية فقط</p>", en="")
    post(coverage, reporter, ar="<p>بالاثنتين</p>", en="<p>In both</p>")
    english = client.get(url_of(story, "en")).content.decode()
    arabic = client.get(url_of(story, "ar")).content.decode()
    assert "In both" in english and "بالعربية فقط" not in english
    assert "بالعربية فقط" in arabic and "بالاثنتين" in arabic


def test_removed_entries_leave_the_page(client, coverage, reporter, story):
    entry = post(coverage, reporter, ar="<p>خطأ</p>")
    assert "خطأ" in client.get(url_of(story)).content.decode()
    services.entry_remove(entry=entry, user=reporter)
    assert "خطأ" not in client.get(url_of(story)).content.decode()


def test_without_javascript_the_entries_are_a_plain_paginated_list(client, coverage, reporter, story):
    now = timezone.now()
    for number in range(selectors.ENTRIES_PER_PAGE + 3):
        post(coverage, reporter, ar=f"<p>تحديث رقم {number}</p>", posted_at=now - timedelta(minutes=number))
    first = client.get(url_of(story)).content.decode()
    second = client.get(url_of(story) + "?page=2")
    assert "تحديث رقم 0<" in first and "تحديث رقم 22" not in first and 'rel="next"' in first
    assert second.status_code == 200
    text = second.content.decode()
    assert "تحديث رقم 22" in text and "تحديث رقم 0<" not in text
    assert "data-live-updates" not in text  # an older page does not follow the coverage
    assert f'<link rel="canonical" href="http://testserver{url_of(story)}?page=2">' in text
    assert client.get(url_of(story) + "?page=9").status_code == 404


def test_a_story_without_coverage_is_unchanged(client, story):
    html = client.get(url_of(story)).content.decode()
    assert 'class="live"' not in html and json_ld(html)["@type"] == "NewsArticle"


def test_json_ld_is_a_live_blog_posting_with_schema_orgs_properties_only(client, coverage, reporter, story, moderator):
    post(coverage, reporter, ar="<p>وصول الوفود</p>", en="<p>Delegations arrive</p>", key_event=True)
    data = json_ld(client.get(url_of(story, "en")).content.decode())
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] == coverage.opened_at.isoformat()
    assert "coverageEndTime" not in data
    assert [update["articleBody"] for update in data["liveBlogUpdate"]] == ["Delegations arrive"]
    assert set(data) <= properties("LiveBlogPosting"), set(data) - properties("LiveBlogPosting")
    for update in data["liveBlogUpdate"]:
        assert update["@type"] == "BlogPosting"
        assert set(update) <= properties("BlogPosting"), set(update) - properties("BlogPosting")
    services.coverage_close(coverage=coverage, user=moderator)
    closed = json_ld(client.get(url_of(story, "en")).content.decode())
    assert closed["coverageEndTime"] > closed["coverageStartTime"]


def test_the_shipped_property_lists_are_schema_orgs(client):
    live = properties("LiveBlogPosting")
    # Its own, and what it inherits from Article, CreativeWork and Thing; not NewsArticle's.
    assert {"coverageStartTime", "coverageEndTime", "liveBlogUpdate", "articleBody", "headline", "url"} <= live
    assert "dateline" not in live and "liveBlogUpdate" not in properties("BlogPosting")


def test_a_closed_coverage_stays_as_a_story_with_its_entries(client, coverage, reporter, moderator, story):
    post(coverage, reporter, ar="<p>آخر تحديث</p>")
    services.coverage_close(coverage=coverage, user=moderator)
    html = client.get(url_of(story)).content.decode()
    assert "آخر تحديث" in html and "data-live-updates" not in html


def test_canonical_hreflang_and_the_entries_feed_link(client, coverage, story):
    html = client.get(url_of(story, "en")).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url_of(story, "en")}">' in html
    assert f'hreflang="ar" href="http://testserver{url_of(story, "ar")}"' in html
    assert f'href="/en/news/{story.pk}/live/feed/"' in html


def test_the_sitemap_and_news_sitemap_carry_the_live_story(client, coverage, story):
    news = client.get("/sitemap-news.xml").content.decode()
    stories = client.get("/sitemap-stories-ar.xml").content.decode()
    assert f"http://testserver{url_of(story)}" in news and f"http://testserver{url_of(story)}" in stories


def test_the_feed_carries_the_entries_in_the_editions_language(client, coverage, reporter, story):
    post(coverage, reporter, ar="<p>بالعربية</p>", en="<p>In English</p>")
    feed = client.get(f"/en/news/{story.pk}/live/feed/")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    text = feed.content.decode()
    assert "In English" in text and "بالعربية" not in text and "#entry-" in text


# The update channel --------------------------------------------------------


def updates(client, story, language="ar"):
    return client.get(f"/{language}/news/{story.pk}/live/updates/")


def test_updates_carry_new_edited_and_removed_entries_after_a_version(client, coverage, reporter, story):
    first = post(coverage, reporter, ar="<p>أول</p>")
    second = post(coverage, reporter, ar="<p>ثان</p>")
    services.entry_edit(entry=first, user=reporter, body_ar="<p>أول معدل</p>")
    services.entry_remove(entry=second, user=reporter)
    data = updates(client, story).json()
    assert data["version"] == 4 and data["since"] == 0 and data["open"]
    changes = {change["id"]: change for change in data["changes"]}
    assert "أول معدل" in changes[first.pk]["html"] and changes[first.pk]["version"] == 3
    assert changes[second.pk]["shown"] is False and changes[second.pk]["html"] == ""


def test_updates_are_rendered_once_for_every_reader_until_the_next_change(
    client, coverage, reporter, story, monkeypatch
):
    renders = []
    original = views.updates_payload
    monkeypatch.setattr(views, "updates_payload", lambda *a, **k: renders.append(1) or original(*a, **k))
    post(coverage, reporter)
    answers = [updates(client, story) for _ in range(20)]
    assert len(renders) == 1 and {a["Surrogate-Key"] for a in answers} == {f"nav story:{story.pk}"}
    post(coverage, reporter, ar="<p>جديد</p>")
    assert "جديد" in "".join(c["html"] for c in updates(client, story).json()["changes"])
    assert len(renders) == 2


def test_a_reader_far_behind_is_told_to_reload(client, coverage, reporter, story, monkeypatch):
    monkeypatch.setattr(selectors, "CHANGES_WINDOW", 3)
    for _ in range(5):
        post(coverage, reporter)
    data = updates(client, story).json()
    assert len(data["changes"]) == 3 and data["since"] == 2


# What readers must never see -------------------------------------------------


def test_entries_of_a_story_that_is_not_live_are_nowhere(client, moderator, reporter, editor):
    from tests.factories import draft

    article = draft(editor, headline_en="Secret", body_en="<p>x</p>")
    coverage = services.coverage_open(article=article, user=moderator, staff=[reporter])
    post(coverage, reporter, ar="<p>سر لم ينشر</p>", en="<p>Unpublished secret</p>")
    for path in (
        f"/ar/news/{article.pk}/live/updates/",
        f"/en/news/{article.pk}/live/feed/",
        f"/ar/news/{article.pk}/{article.slug}/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "سر لم ينشر" not in response.content.decode() and "Unpublished secret" not in response.content.decode()


def test_an_unpublished_storys_entries_leave_every_answer_at_once(client, coverage, reporter, moderator, story):
    post(coverage, reporter, ar="<p>سيسحب</p>")
    assert updates(client, story).status_code == 200  # kept by the page cache
    client.get(f"/ar/news/{story.pk}/live/feed/")
    article_services.article_unpublish(article=story, user=moderator, reason="Legal")
    assert updates(client, story).status_code == 404
    assert client.get(f"/ar/news/{story.pk}/live/feed/").status_code == 404
    assert client.get(url_of(story)).status_code == 410


# The banner ------------------------------------------------------------------


def bucket(offset_seconds=0):
    return int((time.time() + offset_seconds) // views.BANNER_BUCKET_SECONDS)


def banner(client, language="ar", at=None):
    return client.get(f"/{language}/live/banner/", {"at": at if at is not None else bucket()}).json()["banners"]


def test_a_banner_shows_in_its_edition_only_and_is_purged_when_raised(client, story, moderator):
    assert banner(client) == []  # kept by the page cache
    services.banner_raise(
        article=story, user=moderator, language="ar", ends_at=timezone.now() + timedelta(hours=1), text="عاجل: القمة"
    )
    assert [b["text"] for b in banner(client)] == ["عاجل: القمة"]
    assert banner(client, "en") == []


def test_a_banner_comes_down_at_its_end_time_without_a_purge(client, story, moderator, monkeypatch):
    ends = timezone.now() + timedelta(minutes=5)
    services.banner_raise(article=story, user=moderator, language="en", ends_at=ends)
    shown = banner(client, "en")
    assert [b["text"] for b in shown] == [story.headline_en] and shown[0]["ends_at"] == ends.isoformat()
    # Six minutes later: no invalidation happened, yet the next bucket's answer has no banner.
    later = time.time() + 360
    monkeypatch.setattr(views.time, "time", lambda: later)
    monkeypatch.setattr(selectors.timezone, "now", lambda: ends + timedelta(minutes=1))
    assert banner(client, "en", at=int(later // views.BANNER_BUCKET_SECONDS)) == []


def test_a_banner_comes_down_when_its_story_is_unpublished_or_it_is_lowered(client, moderator):
    first, second = published(), published()
    ends = timezone.now() + timedelta(hours=1)
    up = services.banner_raise(article=first, user=moderator, language="ar", ends_at=ends)
    assert len(banner(client)) == 1
    article_services.article_unpublish(article=first, user=moderator, reason="Withdrawn")
    assert banner(client) == []
    services.banner_raise(article=second, user=moderator, language="ar", ends_at=ends)
    assert len(banner(client)) == 1
    services.banner_lower(banner=up, user=moderator)
    assert len(banner(client)) == 1  # lowering another leaves it
    services.banner_lower(banner=second_banner(second), user=moderator)
    assert banner(client) == []


def second_banner(article):
    from live.models import Banner

    return Banner.objects.get(article=article)


def test_banner_answers_are_kept_only_for_buckets_near_now(client, story, monkeypatch):
    renders = []
    original = selectors.banners_up
    monkeypatch.setattr(selectors, "banners_up", lambda *a, **k: renders.append(1) or original(*a, **k))
    for _ in range(5):
        banner(client)
    assert len(renders) == 1
    for far in (0, bucket() + 1000, "abc"):
        client.get("/ar/live/banner/", {"at": far})
    client.get("/ar/live/banner/", {"at": bucket(), "x": "1"})
    assert len(renders) == 5  # answered, never kept: no address makes the cache grow


def test_every_public_page_carries_the_banner_place_and_no_inline_script(client, story):
    html = client.get("/en/").content.decode()
    assert 'data-banner-src="/en/live/banner/"' in html
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", html) == []


def test_a_correction_shows_on_its_entry_in_each_edition(client, coverage, reporter, moderator, story):
    entry = post(coverage, reporter, ar="<p>الوزير</p>", en="<p>The minister</p>")
    services.entry_correct(
        entry=entry,
        user=moderator,
        kind="correction",
        text_ar="صُحّح اسم الوزير",
        text_en="The minister's name was corrected",
    )
    arabic = client.get(url_of(story)).content.decode()
    english = client.get(url_of(story, "en")).content.decode()
    assert "صُحّح اسم الوزير" in arabic[arabic.index(f'id="entry-{entry.pk}"') :]
    assert "The minister&#x27;s name was corrected" in english
