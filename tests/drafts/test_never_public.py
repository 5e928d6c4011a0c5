"""A draft copy never reaches readers, feeds, search, sitemaps, the API or the export of stories.

The same newsroom and public surfaces as ``tests/articles/test_views_visibility``,
with draft copies added: an editor's unsaved text on the live story and on a
story not saved yet, each carrying a word search would find.
"""

import io

import pytest
from django.core.management import call_command

from drafts import services
from tests.articles.test_views_visibility import _surfaces, newsroom  # noqa: F401 - the fixture
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db

MARK = "zcopymark"


@pytest.fixture
def copied(newsroom):  # noqa: F811 - the imported fixture
    editor = EditorFactory(username="typist")
    typed = {
        "headline_ar": [f"خبر {MARK} عن التحالف"],
        "headline_en": [f"Story {MARK} about the coalition"],
        "body_ar": [f"<p>نص {MARK} عن التحالف</p>"],
        "body_en": [f"<p>Text {MARK} about the coalition</p>"],
    }
    for article in (newsroom["live"], newsroom["still_live"], None):
        services.buffer_save(user=editor, article=article, content=typed)
    return newsroom


def surfaces(newsroom):  # noqa: F811
    live = newsroom["live"]
    api = ["/api/v1/stories", f"/api/v1/stories/{live.pk}", f"/api/v1/stories/{live.pk}/ninjs?language=en"]
    searches = [f"/{language}/search/?q={MARK}" for language in ("ar", "en")]
    return [*_surfaces(newsroom), *searches, *api]


def test_a_draft_copy_appears_on_no_public_surface(client, copied):
    # One newsroom for every surface: each page is read as a reader reads it.
    paths = surfaces(copied)
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        if "/search/?q=" in path:
            body = body.replace(path.split("?q=")[1], "")  # the search box repeats what was typed
        assert MARK not in body, f"a draft copy leaked on {path}"


def test_the_export_of_stories_carries_no_draft_copy(copied, tmp_path):
    path = tmp_path / "stories.json"
    call_command("export_stories", "--output", str(path), stdout=io.StringIO())
    exported = path.read_text()
    assert copied["live"].headline_ar in exported  # the export ran, and has the live story
    assert MARK not in exported
