"""Draft copies: one per person per story, gone once saved as a revision, refused without the right to edit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles import services as articles_services
from drafts import selectors, services
from drafts.models import DraftBuffer
from tests.factories import EditorFactory, draft, edit, published, trashed

pytestmark = pytest.mark.django_db


def typed(headline="عنوان قيد الكتابة", **more):
    return {"headline_ar": [headline], "body_ar": ["<p>فقرة لم تحفظ بعد</p>"], **more}


def test_one_copy_per_person_per_story_each_save_overwrites_it(editor):
    story = draft(editor)
    services.buffer_save(user=editor, article=story, content=typed("أولى"), base_revision=story.latest_revision)
    services.buffer_save(user=editor, article=story, content=typed("ثانية"), base_revision=story.latest_revision)

    buffer = DraftBuffer.objects.get()
    assert buffer.content["headline_ar"] == ["ثانية"]
    assert buffer.base_revision == story.latest_revision
    # Every field of the form is kept, present or not, so a restore is whole.
    assert {"headline_en", "body_en", "section", "authors", "tags", "note", "english_reviewed"} <= set(buffer.content)


def test_two_people_on_one_story_each_have_their_own_copy(editor):
    story = draft(editor)
    colleague = EditorFactory()
    services.buffer_save(user=editor, article=story, content=typed("نص المحرر"))
    services.buffer_save(user=colleague, article=story, content=typed("نص الزميل"))

    assert selectors.buffer_for(user=editor, article=story).content["headline_ar"] == ["نص المحرر"]
    assert selectors.buffer_for(user=colleague, article=story).content["headline_ar"] == ["نص الزميل"]


def test_a_story_not_saved_yet_has_one_copy_per_person(editor):
    services.buffer_save(user=editor, article=None, content=typed("أولى"))
    services.buffer_save(user=editor, article=None, content=typed("ثانية"))

    assert DraftBuffer.objects.get(article=None).content["headline_ar"] == ["ثانية"]


def test_saving_a_revision_removes_the_savers_copy_and_leaves_the_others(editor):
    story = draft(editor)
    colleague = EditorFactory()
    services.buffer_save(user=editor, article=story, content=typed())
    services.buffer_save(user=colleague, article=story, content=typed())

    edit(story, editor, headline_ar="عنوان محفوظ")

    assert selectors.buffer_for(user=editor, article=story) is None
    assert selectors.buffer_for(user=colleague, article=story) is not None


def test_a_conflict_revision_keeps_the_text_so_the_copy_goes_too(editor):
    story = draft(editor)
    colleague = EditorFactory()
    base = story.latest_revision
    edit(story, colleague, headline_ar="سبقني زميلي")
    services.buffer_save(user=editor, article=story, content=typed(), base_revision=base)

    result = edit(story, editor, base=base, headline_ar="نصي أنا")

    assert result.conflict
    assert selectors.buffer_for(user=editor, article=story) is None


def test_a_new_storys_first_save_removes_the_copy_of_it(editor):
    services.buffer_save(user=editor, article=None, content=typed())

    draft(editor)

    assert not DraftBuffer.objects.exists()


def test_restoring_an_old_revision_keeps_what_was_typed(editor):
    story = draft(editor)
    first = story.latest_revision
    edit(story, editor, headline_ar="ثانية")
    services.buffer_save(user=editor, article=story, content=typed("ما زلت أكتب"))

    articles_services.revision_restore(article=story, revision=first, user=editor)

    assert selectors.buffer_for(user=editor, article=story).content["headline_ar"] == ["ما زلت أكتب"]


def test_a_save_that_fails_keeps_the_copy(editor):
    story = draft(editor)
    services.buffer_save(user=editor, article=story, content=typed())

    with pytest.raises(ValidationError):
        edit(story, editor, headline_ar="", headline_en="")

    assert selectors.buffer_for(user=editor, article=story) is not None


def test_discard_throws_away_only_ones_own_copy(editor):
    story = draft(editor)
    colleague = EditorFactory()
    services.buffer_save(user=editor, article=story, content=typed())
    services.buffer_save(user=colleague, article=story, content=typed())

    assert services.buffer_discard(user=editor, article=story) is True
    assert services.buffer_discard(user=editor, article=story) is False
    assert selectors.buffer_for(user=colleague, article=story) is not None


def test_no_copy_is_kept_of_a_story_one_may_not_edit(editor, reader):
    story = draft(editor)
    with pytest.raises(PermissionDenied):
        services.buffer_save(user=reader, article=story, content=typed())
    with pytest.raises(PermissionDenied):
        services.buffer_save(user=reader, article=None, content=typed())
    with pytest.raises(PermissionDenied):
        services.buffer_save(user=editor, article=trashed(editor), content=typed())
    assert not DraftBuffer.objects.exists()


@pytest.mark.parametrize(
    "content",
    [{"is_live": ["1"]}, {"headline_ar": [3]}, {"headline_ar": ["a\x00b"]}, {"tags": ["1"] * 501}],
    ids=["unknown field", "not text", "NUL", "too many values"],
)
def test_a_copy_holds_only_the_forms_fields_as_text(editor, content):
    story = draft(editor)
    with pytest.raises(ValidationError):
        services.buffer_save(user=editor, article=story, content=content)


def test_the_base_revision_must_be_the_storys(editor):
    story, other = draft(editor), draft(editor)
    with pytest.raises(ValidationError):
        services.buffer_save(user=editor, article=story, content=typed(), base_revision=other.latest_revision)


def test_a_live_story_gets_a_copy_that_never_reaches_its_live_text(editor):
    story = published(editor)
    services.buffer_save(user=editor, article=story, content=typed("لم يراجع بعد"))

    story.refresh_from_db()
    assert story.headline_ar != "لم يراجع بعد"
    assert story.latest_revision.headline_ar != "لم يراجع بعد"
