"""Heartbeats, take-overs and parallel revisions, through the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.signals import parallel_revision, story_taken_over
from presence import selectors, services
from presence.models import ParallelRevision, TakeOver
from tests.factories import EditorFactory, draft, edit, trashed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("backend")]


def test_a_beat_makes_the_person_present_to_others_but_not_to_themselves(editor, moderator):
    article = draft(editor)
    services.presence_beat(article=article, user=editor, tab="a1", typing=True, unsaved=False)
    [person] = selectors.present_people(article.pk, exclude_user_id=moderator.pk)
    assert (person.name, person.typing, person.unsaved, person.active) == ("editor", True, False, True)
    assert selectors.present_people(article.pk, exclude_user_id=editor.pk) == []


def test_two_tabs_of_one_person_are_one_person(editor, moderator):
    article = draft(editor)
    services.presence_beat(article=article, user=editor, tab="a1", typing=False, unsaved=False)
    services.presence_beat(article=article, user=editor, tab="a2", typing=False, unsaved=True)
    [person] = selectors.present_people(article.pk, exclude_user_id=moderator.pk)
    assert (person.tabs, person.unsaved, person.typing) == (2, True, False)


def test_someone_who_only_reads_is_present_but_not_editing(editor, moderator):
    article = draft(editor)
    services.presence_beat(article=article, user=editor, tab="a1", typing=False, unsaved=False)
    [person] = selectors.present_people(article.pk, exclude_user_id=moderator.pk)
    assert not person.active


def test_a_reader_account_cannot_beat(reader, editor):
    with pytest.raises(PermissionDenied):
        services.presence_beat(article=draft(editor), user=reader, tab="a1", typing=False, unsaved=False)


@pytest.mark.parametrize("tab", ["", "x" * 33, "a b", "<script>"])
def test_a_beat_must_name_its_tab(editor, tab):
    with pytest.raises(ValidationError):
        services.presence_beat(article=draft(editor), user=editor, tab=tab, typing=False, unsaved=False)


def test_taking_over_records_it_and_tells_everyone_who_was_editing(
    editor, moderator, django_capture_on_commit_callbacks
):
    article = draft(editor)
    heard = []
    story_taken_over.connect(lambda sender, **kw: heard.append(kw), weak=False, dispatch_uid="test-heard")
    try:
        services.presence_beat(article=article, user=editor, tab="a1", typing=False, unsaved=True)
        with django_capture_on_commit_callbacks(execute=True):
            [take_over] = services.story_take_over(article=article, by=moderator)
    finally:
        story_taken_over.disconnect(dispatch_uid="test-heard")
    assert (take_over.by, take_over.previous) == (moderator, editor)
    assert [(kw["article"].pk, kw["by"], kw["previous"]) for kw in heard] == [(article.pk, moderator, editor)]
    [person] = selectors.present_people(article.pk, exclude_user_id=moderator.pk)
    assert selectors.taken_over_from(article.pk, editor.pk, since=person.since) == take_over


def test_a_take_over_made_before_the_tab_opened_is_not_told_again(editor, moderator):
    article = draft(editor)
    services.presence_beat(article=article, user=editor, tab="a1", typing=True, unsaved=True)
    [take_over] = services.story_take_over(article=article, by=moderator)
    later = take_over.created_at + timedelta(seconds=1)
    assert selectors.taken_over_from(article.pk, editor.pk, since=later) is None


def test_there_is_nothing_to_take_over_from_someone_only_reading(editor, moderator):
    article = draft(editor)
    services.presence_beat(article=article, user=editor, tab="a1", typing=False, unsaved=False)
    with pytest.raises(ValidationError):
        services.story_take_over(article=article, by=moderator)
    assert not TakeOver.objects.exists()


def test_a_story_that_cannot_be_edited_cannot_be_taken_over(editor, moderator):
    article = trashed(editor)
    services.presence_beat(article=article, user=editor, tab="a1", typing=True, unsaved=True)
    with pytest.raises(PermissionDenied):
        services.story_take_over(article=article, by=moderator)


def test_a_conflict_tells_the_writer_of_the_overtaken_revision(editor, django_capture_on_commit_callbacks):
    colleague = EditorFactory(username="colleague")
    article = draft(editor)
    start = article.latest_revision
    heard = []
    parallel_revision.connect(lambda sender, **kw: heard.append(kw), weak=False, dispatch_uid="test-parallel")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            edit(article, colleague, base=start, headline_ar="عنوان الزميل")
            side = edit(article, editor, base=start, headline_ar="عنواني").revision
    finally:
        parallel_revision.disconnect(dispatch_uid="test-parallel")
    assert [(kw["revision"], kw["overtaken_user"]) for kw in heard] == [(side, colleague)]
    [notice] = selectors.parallel_revisions_for(colleague)
    assert (notice.revision, notice.overtaken.created_by) == (side, colleague)
    assert f"old={notice.overtaken.number}&new={side.number}" in notice.get_absolute_url()
    assert not selectors.parallel_revisions_for(editor).exists()


def test_a_parallel_revision_stops_being_told_once_dismissed_and_only_by_its_person(
    editor, django_capture_on_commit_callbacks
):
    colleague = EditorFactory(username="colleague")
    article = draft(editor)
    start = article.latest_revision
    with django_capture_on_commit_callbacks(execute=True):
        edit(article, colleague, base=start, headline_ar="عنوان الزميل")
        edit(article, editor, base=start, headline_ar="عنواني")
    notice = ParallelRevision.objects.get()
    with pytest.raises(PermissionDenied):
        services.parallel_revision_dismiss(notice=notice, user=editor)
    services.parallel_revision_dismiss(notice=notice, user=colleague)
    assert not selectors.parallel_revisions_for(colleague).exists()


def test_saving_over_ones_own_other_tab_tells_no_one(editor, django_capture_on_commit_callbacks):
    article = draft(editor)
    start = article.latest_revision
    with django_capture_on_commit_callbacks(execute=True):
        edit(article, editor, base=start, headline_ar="أ")
        result = edit(article, editor, base=start, headline_ar="ب")
    assert result.conflict
    assert not ParallelRevision.objects.exists()
