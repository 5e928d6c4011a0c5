"""Nothing that is not live leaks through the API: every endpoint, every hidden state.

The same newsroom as the site's leak suite (tests/articles/test_views_visibility.py):
a live story and, sharing its section, tag and author, a draft, a story in
review, a pending edit of a live story, a scheduled story, an embargoed one,
an unpublished one and a trashed one. Each hidden story carries a mark in
its headline and body; no answer of any endpoint may contain one, for
anonymous callers and for a key without the embargo scope. With the scope,
only the embargo endpoints show the scheduled stories, and nothing else.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.articles.test_views_visibility import _content
from tests.comments.conversation import CONVERSATION, converse
from tests.factories import (
    AuthorFactory,
    TagFactory,
    draft,
    pending_edit,
    published,
    scheduled,
    submitted,
    trashed,
    unpublished,
)

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": "zdraftmark",
    "in_review": "zreviewmark",
    "pending": "zpendingmark",
    "scheduled": "zschedmark",
    "embargoed": "zembargomark",
    "unpublished": "zunpubmark",
    "trashed": "ztrashmark",
}
BEFORE_THEIR_TIME = {"scheduled", "embargoed"}


@pytest.fixture
def newsroom(db):
    shared = {"tags": [TagFactory(slug="iraq")], "authors": [AuthorFactory(slug="sara")]}
    live = published(**shared, headline_ar="الخبر المنشور عن التحالف", headline_en="The live coalition story")
    later = timezone.now() + timedelta(days=1)
    hidden = {
        "draft": draft(**shared, **_content(HIDDEN["draft"])),
        "in_review": submitted(**shared, **_content(HIDDEN["in_review"])),
        "scheduled": scheduled(**shared, **_content(HIDDEN["scheduled"])),
        "embargoed": scheduled(**shared, embargo_until=later, at=later, **_content(HIDDEN["embargoed"])),
        "unpublished": unpublished(**shared, **_content(HIDDEN["unpublished"])),
        "trashed": trashed(**shared, **_content(HIDDEN["trashed"])),
    }
    still_live = published(**shared, headline_ar="خبر حي قبل التعديل", headline_en="Live before the edit")
    pending_edit(still_live, **_content(HIDDEN["pending"]))
    converse(live)
    converse(still_live)
    _cover_live(hidden)
    return {"live": live, "still_live": still_live, "hidden": hidden}


def _cover_live(hidden):
    """Each hidden story is covered live too, its entry carrying its mark: no endpoint shows entries of those."""
    from live.services import coverage_open, entry_post
    from tests.factories import ModeratorFactory

    chief = ModeratorFactory(username="live-chief")
    for state, article in hidden.items():
        if state in ("trashed", "unpublished"):
            continue  # no coverage opens there (tests/security/test_live_leaks.py covers one before its unpublishing)
        coverage = coverage_open(article=article, user=chief)
        entry_post(coverage=coverage, user=chief, body_ar=f"<p>{HIDDEN[state]}</p>", body_en=f"<p>{HIDDEN[state]}</p>")


def _paths(newsroom):
    live = newsroom["live"]
    paths = [
        "/api/v1/stories",
        "/api/v1/stories?limit=100",
        "/api/v1/stories?section=politics",
        "/api/v1/stories?tag=iraq",
        "/api/v1/stories?author=sara",
        "/api/v1/stories?language=en",
        "/api/v1/stories?updated_since=2000-01-01T00:00:00%2B00:00",
        f"/api/v1/stories/{live.pk}",
        f"/api/v1/stories/{newsroom['still_live'].pk}",
        f"/api/v1/stories/{newsroom['still_live'].pk}/ninjs?language=en",
        "/api/v1/sections",
        "/api/v1/tags",
        "/api/v1/authors",
        "/api/v1/embargoed",
    ]
    for language in ("ar", "en"):
        paths.append(f"/api/v1/search?language={language}&q=coalition")
        paths.append(f"/api/v1/search?language={language}&q=التحالف")
        paths += [f"/api/v1/search?language={language}&q={mark}" for mark in HIDDEN.values()]
        paths += [f"/api/v1/search?language={language}&q={mark}" for mark in CONVERSATION.values()]
    for story in newsroom["hidden"].values():
        paths += [
            f"/api/v1/stories/{story.pk}",
            f"/api/v1/stories/{story.pk}/ninjs",
            f"/api/v1/stories/{story.pk}/ninjs?language=en",
            f"/api/v1/embargoed/{story.pk}",
        ]
    return paths


def test_every_endpoint_of_the_schema_is_covered(newsroom):
    from api.views import api

    covered = {path.split("?")[0] for path in _paths(newsroom)}
    templates = set(api.get_openapi_schema()["paths"])
    for template in templates - {"/api/v1/preview/{token}"}:  # the token is its own test (test_keys.py)
        prefix = template.split("{")[0]
        assert any(path.startswith(prefix) for path in covered), template


@pytest.mark.parametrize("caller", ["anonymous", "live key"])
def test_no_endpoint_shows_a_story_that_is_not_live(client, newsroom, caller, live_key):
    headers = {"HTTP_X_API_KEY": live_key} if caller == "live key" else {}
    for path in _paths(newsroom):
        answer = client.get(path, **headers)
        assert answer.status_code in (200, 401, 403, 404), path
        text = answer.content.decode()
        for state, mark in HIDDEN.items():
            assert mark not in text, f"{state} story leaked at {path}"
        for kind, mark in CONVERSATION.items():
            assert mark not in text, f"a {kind} leaked at {path}"
    listed = client.get("/api/v1/stories?limit=100", **headers).json()["items"]
    assert {item["id"] for item in listed} == {newsroom["live"].pk, newsroom["still_live"].pk}


def test_with_the_embargo_scope_only_stories_before_their_time_appear_and_only_on_their_endpoints(
    client, newsroom, embargo_key
):
    for path in _paths(newsroom):
        text = client.get(path, HTTP_X_API_KEY=embargo_key).content.decode()
        for state, mark in HIDDEN.items():
            if mark in text:
                assert state in BEFORE_THEIR_TIME and path.startswith("/api/v1/embargoed"), (state, path)
    listed = client.get("/api/v1/embargoed", HTTP_X_API_KEY=embargo_key).json()["items"]
    assert {item["id"] for item in listed} == {newsroom["hidden"][state].pk for state in BEFORE_THEIR_TIME}
