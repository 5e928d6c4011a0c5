"""Comments through their services: threads on a story, a field or a phrase; replies, edits, resolving."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comments import selectors, services
from comments.models import Comment, Thread
from tests.factories import SAMPLE_BODY_AR, EditorFactory, ModeratorFactory, UserFactory, draft, edit

pytestmark = pytest.mark.django_db

PHRASE = "لتحديد جدول زمني"


@pytest.fixture
def story(editor):
    return draft(editor)


def test_a_comment_on_the_story_as_a_whole(story, editor):
    comment = services.comment_create(article=story, user=editor, body="هل نضيف صورة؟")
    thread = comment.thread
    assert (thread.field, thread.quote, thread.start, thread.revision) == ("", "", None, story.latest_revision)
    assert thread.created_by == editor and thread.created_at is not None


def test_a_comment_on_a_field_in_either_language(story, editor):
    for field in ("headline_ar", "standfirst_en"):
        assert services.comment_create(article=story, user=editor, body="?", field=field).thread.field == field
    with pytest.raises(ValidationError):
        services.comment_create(article=story, user=editor, body="?", field="password")


def test_a_comment_on_a_phrase_of_the_arabic_body_holds_where_it_is(story, editor):
    comment = services.comment_create(article=story, user=editor, body="دقيق؟", field="body_ar", quote=PHRASE)
    thread = comment.thread
    assert thread.quote == PHRASE
    text = "".join(SAMPLE_BODY_AR.replace("</p>", "").split("<p>"))
    assert text[thread.start : thread.end] == PHRASE


def test_text_not_in_the_saved_revision_cannot_be_commented_on(story, editor):
    with pytest.raises(ValidationError) as refusal:
        services.comment_create(article=story, user=editor, body="?", field="body_ar", quote="كلمات لم تحفظ بعد")
    assert "save the story first" in str(refusal.value)
    assert not Thread.objects.exists()


def test_the_range_comment_still_points_at_its_phrase_after_the_paragraph_around_it_is_edited(story, editor):
    comment = services.comment_create(article=story, user=editor, body="دقيق؟", field="body_ar", quote=PHRASE)
    rewritten = SAMPLE_BODY_AR.replace(
        "قال المتحدث باسم الجيش العراقي اليوم الأحد إن",
        "أعلن المتحدث الرسمي باسم الجيش العراقي، في مؤتمر صحفي عقده صباح اليوم الأحد في بغداد، أن",
    ).replace("من العراق.</p>", "من العراق خلال العامين المقبلين.</p>")
    edit(story, editor, body_ar=rewritten)
    story.refresh_from_db()
    [placed] = selectors.threads_on(story, story.latest_revision)
    assert placed.thread == comment.thread and placed.carried
    text = "".join(rewritten.replace("</p>", "").split("<p>"))
    assert text[placed.anchor.start : placed.anchor.end] == PHRASE
    assert not placed.anchor.deleted and not placed.anchor.changed


def test_a_phrase_deleted_by_a_later_revision_says_so(story, editor):
    services.comment_create(article=story, user=editor, body="?", field="body_ar", quote=PHRASE)
    edit(story, editor, body_ar=SAMPLE_BODY_AR.replace(PHRASE + " ", ""))
    story.refresh_from_db()
    [placed] = selectors.threads_on(story, story.latest_revision)
    assert placed.anchor.deleted


def test_threads_are_placed_on_the_revision_looked_at(story, editor):
    first = story.latest_revision
    edit(story, editor, headline_ar="عنوان ثان")
    story.refresh_from_db()
    services.comment_create(article=story, user=editor, body="?", field="body_ar", quote=PHRASE)
    [placed] = selectors.threads_on(story, first)
    assert placed.later and not placed.carried


def test_replies_resolve_and_reopen_say_who_and_when(story, editor, moderator):
    thread = services.comment_create(article=story, user=editor, body="أول").thread
    services.comment_reply(thread=thread, user=moderator, body="رد")
    assert list(thread.comments.values_list("body", flat=True)) == ["أول", "رد"]
    resolved = services.thread_resolve(thread=thread, user=editor)
    assert resolved.resolved_by == editor and resolved.resolved_at is not None
    reopened = services.thread_reopen(thread=thread, user=moderator)
    assert reopened.resolved_at is None and reopened.resolved_by is None


def test_replying_to_a_resolved_thread_reopens_it(story, editor, moderator):
    thread = services.comment_create(article=story, user=editor, body="أول").thread
    services.thread_resolve(thread=thread, user=editor)
    services.comment_reply(thread=thread, user=moderator, body="لم ينته بعد")
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_only_the_starter_or_a_moderator_resolves(story, editor, moderator):
    thread = services.comment_create(article=story, user=moderator, body="أول").thread
    other_editor = EditorFactory()
    with pytest.raises(PermissionDenied):
        services.thread_resolve(thread=thread, user=other_editor)
    editors_thread = services.comment_create(article=story, user=editor, body="ثان").thread
    assert services.thread_resolve(thread=editors_thread, user=moderator).is_resolved


def test_people_edit_and_delete_only_their_own(story, editor, moderator):
    comment = services.comment_create(article=story, user=editor, body="أول")
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, user=moderator, body="تغيير")
    with pytest.raises(PermissionDenied):
        services.comment_delete(comment=comment, user=moderator)
    edited = services.comment_edit(comment=comment, user=editor, body="أول، بعد التعديل")
    assert edited.body == "أول، بعد التعديل" and edited.edited_at is not None
    services.comment_delete(comment=comment, user=editor)
    assert not Thread.objects.exists(), "a thread left with no comment goes with it"


def test_deleting_a_reply_keeps_the_thread(story, editor, moderator):
    thread = services.comment_create(article=story, user=editor, body="أول").thread
    reply = services.comment_reply(thread=thread, user=moderator, body="رد")
    services.comment_delete(comment=reply, user=moderator)
    assert list(Comment.objects.values_list("body", flat=True)) == ["أول"]


def test_readers_and_inactive_people_cannot_comment(story):
    for person in (UserFactory(is_staff=False), ModeratorFactory(is_active=False)):
        with pytest.raises(PermissionDenied):
            services.comment_create(article=story, user=person, body="?")


def test_empty_and_overlong_comments_are_refused(story, editor):
    for body in ("   ", "و" * (services.MAX_LENGTH + 1)):
        with pytest.raises(ValidationError):
            services.comment_create(article=story, user=editor, body=body)


def test_mentions_are_resolved_to_people_when_written(story, editor, moderator):
    second = ModeratorFactory(username="moderator2")
    comment = services.comment_create(article=story, user=editor, body="@moderators انظروا، و @editor أيضاً")
    assert set(comment.mentioned.all()) == {moderator, second}, "the writer is not told of their own mention"


def test_a_story_view_loads_its_threads_in_a_fixed_number_of_queries(
    story, editor, moderator, django_assert_num_queries
):
    for index in range(3):
        thread = services.comment_create(
            article=story, user=editor, body=f"{index}", field="body_ar", quote=PHRASE
        ).thread
        services.comment_reply(thread=thread, user=moderator, body="رد @editor")
    story.refresh_from_db()
    revision = story.latest_revision
    with django_assert_num_queries(3):
        placed = selectors.threads_on(story, revision)
        assert [len(item.thread.comments.all()) for item in placed] == [2, 2, 2]
        assert all(item.thread.comments.all()[1].mentioned.all() for item in placed)
