"""Entries of a story readers may not see never reach them: not on any page, update, feed, banner or search.

Every hidden state of a story (draft, in review, scheduled, embargoed,
unpublished, trashed) gets live coverage with an entry carrying a mark;
a pending edit of a live story keeps its covered entries visible but its
unapproved headline hidden. No public answer may contain a mark.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone, translation

from articles import services as article_services
from live import services
from tests.factories import ModeratorFactory, draft, pending_edit, published, scheduled, submitted

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": "zlivedraftmark",
    "in_review": "zlivereviewmark",
    "scheduled": "zliveschedmark",
    "embargoed": "zliveembargomark",
    "unpublished": "zliveunpubmark",
    "trashed": "zlivetrashmark",
    "removed entry": "zliveremovedmark",
    "pending headline": "zlivependingmark",
}


@pytest.fixture(autouse=True)
def _committed_at_once(monkeypatch):
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def _cover(article, chief, mark, *, then=None):
    coverage = services.coverage_open(article=article, user=chief)
    entry = services.entry_post(coverage=coverage, user=chief, body_ar=f"<p>{mark}</p>", body_en=f"<p>{mark}</p>")
    if then:
        then(article)
    return coverage, entry


@pytest.fixture
def newsroom(db):
    chief = ModeratorFactory(username="live-chief")
    later = timezone.now() + timedelta(days=1)
    live = published(headline_en="Live story", body_en="<p>live</p>")
    coverage, _entry = _cover(live, chief, "visible")
    removed = services.entry_post(coverage=coverage, user=chief, body_ar=f"<p>{HIDDEN['removed entry']}</p>")
    services.entry_remove(entry=removed, user=chief)
    pending_edit(live, headline_ar=HIDDEN["pending headline"], headline_en=HIDDEN["pending headline"])
    hidden = {
        "draft": draft(headline_en="x", body_en="<p>x</p>"),
        "in_review": submitted(headline_en="x", body_en="<p>x</p>"),
        "scheduled": scheduled(headline_en="x", body_en="<p>x</p>"),
        "embargoed": scheduled(embargo_until=later, at=later, headline_en="x", body_en="<p>x</p>"),
    }
    for state, article in hidden.items():
        _cover(article, chief, HIDDEN[state])
    withdrawn = published(headline_en="x", body_en="<p>x</p>")
    services.banner_raise(article=withdrawn, user=chief, language="ar", ends_at=later, text=HIDDEN["unpublished"])
    _cover(withdrawn, chief, HIDDEN["unpublished"])
    article_services.article_unpublish(article=withdrawn, user=chief, reason="Legal")
    hidden["unpublished"] = withdrawn
    binned = draft(headline_en="x", body_en="<p>x</p>")
    _cover(binned, chief, HIDDEN["trashed"])
    article_services.article_trash(article=binned, user=chief)
    hidden["trashed"] = binned
    return {"live": live, "hidden": hidden}


def _paths(newsroom):
    paths = ["/sitemap.xml", "/sitemap-news.xml", "/sitemap-stories-ar.xml", "/sitemap-stories-en.xml"]
    for language in ("ar", "en"):
        paths += [f"/{language}/", f"/{language}/feeds/rss/", f"/{language}/feeds/atom/", f"/{language}/live/banner/"]
        paths.append(f"/{language}/search/?q=" + ("التحالف" if language == "ar" else "coalition"))
        for article in [newsroom["live"], *newsroom["hidden"].values()]:
            with translation.override(language):
                page = article.get_absolute_url()
            paths += [
                page,
                f"{page}?page=2",
                f"/{language}/news/{article.pk}/live/updates/",
                f"/{language}/news/{article.pk}/live/feed/",
            ]
    return paths


def test_no_public_answer_carries_an_entry_of_a_story_that_is_not_live(client, newsroom):
    seen_live = False
    for path in _paths(newsroom):
        response = client.get(path)
        assert response.status_code in (200, 404, 410), (path, response.status_code)
        text = response.content.decode()
        for state, mark in HIDDEN.items():
            assert mark not in text, f"{state} leaked at {path}"
        seen_live |= "visible" in text
    assert seen_live  # the live story's entries are there: the suite sees what it checks


def test_the_desk_of_a_signed_in_superuser_does_not_open_hidden_entries_to_the_public_side(client, newsroom):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="chief", is_superuser=True))
    for article in newsroom["hidden"].values():
        for path in (f"/ar/news/{article.pk}/live/updates/", f"/ar/news/{article.pk}/live/feed/"):
            assert client.get(path).status_code == 404
