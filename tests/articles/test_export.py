"""The export holds every story and every revision, move and correction."""

import json

import pytest
from django.core.management import call_command

from articles import services
from tests.factories import AuthorFactory, TagFactory, draft, edit, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(editor, moderator):
    live = published(editor, moderator, authors=[AuthorFactory(slug="sara")], tags=[TagFactory(slug="iraq")])
    services.correction_add(article=live, user=moderator, kind="correction", text_ar="تصحيح", text_en="Correction")
    pending = draft(editor)
    edit(pending, editor, headline_ar="عنوان ثان")
    return live, pending


def test_every_story_and_its_history_is_exported(archive, tmp_path):
    live, pending = archive
    path = tmp_path / "stories.json"
    call_command("export_stories", "--output", str(path))
    stories = {story["id"]: story for story in json.loads(path.read_text(encoding="utf-8"))}
    assert set(stories) == {live.pk, pending.pk}
    exported = stories[live.pk]
    assert exported["status"] == "published" and exported["live_revision"] == 1
    assert exported["revisions"][0]["headline_ar"] == live.headline_ar
    assert exported["revisions"][0]["authors"] == ["sara"] and exported["revisions"][0]["tags"] == ["iraq"]
    assert [move["action"] for move in exported["moves"]] == ["submit", "publish", "correct"]
    assert exported["corrections"][0]["text_ar"] == "تصحيح"
    assert [r["number"] for r in stories[pending.pk]["revisions"]] == [1, 2]
    assert "عنوان ثان" in path.read_text(encoding="utf-8")  # Arabic kept readable, not escaped


def test_json_lines_has_one_story_per_line(archive, tmp_path):
    path = tmp_path / "stories.jsonl"
    call_command("export_stories", "--output", str(path), "--lines")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert all(json.loads(line)["revisions"] for line in lines)


def test_the_export_makes_a_fixed_number_of_queries(archive, django_assert_max_num_queries):
    from articles.export import stories

    for _ in range(5):
        draft()
    with django_assert_max_num_queries(12):
        assert len(list(stories())) == 7
