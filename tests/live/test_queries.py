"""What a live page and its update channel cost the database, pinned, and the same however many entries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from live import services
from tests.factories import AuthorFactory, ImageFactory, published

pytestmark = pytest.mark.django_db

# The page: the story, the sections, whether it is covered live (its
# coverage), the entries with their bylines and pictures, their corrections.
# The updates: the coverage, the latest changed entries and their
# corrections, which of them this edition shows, the key events and theirs.
# The feed: the coverage, the entries, their corrections.
EXPECTED = {"page": 5, "page en": 5, "updates": 6, "feed": 3}


def _newsroom(size, moderator):
    story = published(headline_en="Summit", body_en="<p>Summit</p>")
    coverage = services.coverage_open(article=story, user=moderator)
    for number in range(size * 3):
        entry = services.entry_post(
            coverage=coverage,
            user=moderator,
            body_ar=f"<p>تحديث {number}</p>",
            body_en=f"<p>Update {number}</p>",
            author=AuthorFactory(),
            image=ImageFactory(),
            pinned=number == 0,
            key_event=number % 2 == 0,
        )
        services.entry_correct(entry=entry, user=moderator, kind="correction", text_ar="تصحيح")
    return story


def _count(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def _paths(story):
    return {
        "page": f"/ar/news/{story.pk}/{story.slug}/",
        "page en": f"/en/news/{story.pk}/{story.slug}/",
        "updates": f"/ar/news/{story.pk}/live/updates/",
        "feed": f"/en/news/{story.pk}/live/feed/",
    }


def test_live_pages_cost_the_same_few_queries_however_many_entries(client, moderator):
    small = {name: _count(client, path) for name, path in _paths(_newsroom(1, moderator)).items()}
    assert small == EXPECTED
    large = {name: _count(client, path) for name, path in _paths(_newsroom(6, moderator)).items()}
    assert large == EXPECTED
