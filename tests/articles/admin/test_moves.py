"""Workflow buttons: exactly the user's moves, POST only, a message after each, refusals kept."""

import pytest

from articles import services
from articles.models import Correction, Revision
from articles.workflow import State
from tests.factories import draft, edit, published, submitted

from .helpers import messages_of, move_post, url

pytestmark = pytest.mark.django_db


def buttons(response) -> set[str]:
    return {move.action.value for move in response.context["moves"]}


def test_an_editor_sees_submit_but_no_approve_button(as_user, editor):
    article = draft(editor)
    response = as_user(editor).get(url("change", article))
    assert buttons(response) == {"submit", "trash"}
    page = response.content.decode()
    assert "Submit for review" in page and "Approve and publish" not in page


def test_a_moderator_sees_approval_buttons_on_a_story_in_review(as_user, editor, moderator):
    article = submitted(editor)
    response = as_user(moderator).get(url("change", article))
    assert {"publish", "schedule", "request_changes", "withdraw"} <= buttons(response)
    assert "Approve and publish" in response.content.decode()


def test_the_editor_submits_and_the_story_leaves_their_hands(as_user, editor):
    article = draft(editor)
    client = as_user(editor)
    response = client.post(
        url("move", article, action="submit"),
        move_post("submit", article, revision=article.latest_revision, comment="ready"),
        follow=True,
    )
    article.refresh_from_db()
    assert article.status == State.IN_REVIEW and article.review_revision.number == 1
    assert "Revision 1 is with the moderators for review." in messages_of(response)
    assert article.transitions.get(action="submit").comment == "ready"


def test_an_editor_who_posts_an_approval_is_refused_and_nothing_changes(as_user, editor):
    article = submitted(editor)
    response = as_user(editor).post(
        url("move", article, action="publish"),
        move_post("publish", article, revision=article.review_revision),
        follow=True,
    )
    article.refresh_from_db()
    assert article.status == State.IN_REVIEW and article.live_revision is None
    assert "You may not do this: Approve and publish." in messages_of(response)


def test_the_moderator_approves_the_revision_they_read(as_user, editor, moderator):
    article = submitted(editor)
    response = as_user(moderator).post(
        url("move", article, action="publish"),
        move_post("publish", article, revision=article.review_revision, comment="good"),
        follow=True,
    )
    article.refresh_from_db()
    assert article.status == State.PUBLISHED and article.live_revision.number == 1
    assert "Revision 1 is approved and live on the site." in messages_of(response)


def test_approval_of_a_revision_that_changed_since_is_refused_with_the_workflows_reason(as_user, editor, moderator):
    article = submitted(editor)
    read = article.review_revision
    edit(article, editor, headline_ar="تعديل بعد التقديم")
    response = as_user(moderator).post(
        url("move", article, action="publish"), move_post("publish", article, revision=read), follow=True
    )
    article.refresh_from_db()
    assert article.live_revision is None
    assert any("is not the current version of this story" in message for message in messages_of(response))


def test_the_moderator_schedules_for_later(as_user, editor, moderator):
    article = submitted(editor)
    response = as_user(moderator).post(
        url("move", article, action="schedule"),
        move_post("schedule", article, revision=article.review_revision, publish_at="2099-01-02T09:30"),
        follow=True,
    )
    article.refresh_from_db()
    assert article.status == State.SCHEDULED
    assert article.go_live_at.year == 2099
    assert any("goes live at" in message for message in messages_of(response))


def test_scheduling_for_a_time_that_has_passed_is_refused_and_publishes_nothing(as_user, editor, moderator):
    article = submitted(editor)
    response = as_user(moderator).post(
        url("move", article, action="schedule"),
        move_post("schedule", article, revision=article.review_revision, publish_at="2020-01-02T09:30"),
        follow=True,
    )
    article.refresh_from_db()
    assert (article.status, article.live_revision) == (State.IN_REVIEW, None)
    assert any("That publish time has already passed" in message for message in messages_of(response))


def test_requesting_changes_needs_a_comment(as_user, editor, moderator):
    article = submitted(editor)
    client = as_user(moderator)
    page = client.get(url("change", article)).content.decode()
    assert 'name="request_changes-comment"' in page
    assert (
        "required"
        in page[page.index('name="request_changes-comment"') - 300 : page.index('name="request_changes-comment"') + 100]
    )

    response = client.post(
        url("move", article, action="request_changes"), move_post("request_changes", article), follow=True
    )
    article.refresh_from_db()
    assert article.status == State.IN_REVIEW
    assert "This field is required." in messages_of(response)

    response = client.post(
        url("move", article, action="request_changes"),
        move_post("request_changes", article, comment="المصدر غير واضح في الفقرة الثانية"),
        follow=True,
    )
    article.refresh_from_db()
    assert article.status == State.DRAFT
    assert "The story went back to its editors with your comment." in messages_of(response)


def test_withdraw_unschedule_trash_and_untrash(as_user, editor, moderator):
    article = submitted(editor)
    editor_client = as_user(editor)
    editor_client.post(url("move", article, action="withdraw"), move_post("withdraw", article))
    article.refresh_from_db()
    assert article.status == State.DRAFT

    editor_client.post(url("move", article, action="trash"), move_post("trash", article))
    article.refresh_from_db()
    assert article.status == State.TRASHED
    editor_client.post(url("move", article, action="untrash"), move_post("untrash", article))
    article.refresh_from_db()
    assert article.status == State.DRAFT

    services.article_submit(article=article, revision=article.latest_revision, user=editor)
    services.revision_approve(article=article, revision=article.latest_revision, user=moderator, publish_at=_future())
    as_user(moderator).post(url("move", article, action="unschedule"), move_post("unschedule", article))
    article.refresh_from_db()
    assert article.status == State.DRAFT


def test_unpublish_needs_a_reason_and_takes_the_story_off_the_site(as_user, editor, moderator):
    article = published(editor)
    client = as_user(moderator)
    client.post(url("move", article, action="unpublish"), move_post("unpublish", article))
    article.refresh_from_db()
    assert article.is_live

    response = client.post(
        url("move", article, action="unpublish"), move_post("unpublish", article, comment="legal advice"), follow=True
    )
    article.refresh_from_db()
    assert article.status == State.UNPUBLISHED and not article.is_live
    assert article.transitions.get(action="unpublish").comment == "legal advice"
    assert "The story is off the site; its address now answers “gone”." in messages_of(response)


def test_a_moderator_adds_a_public_correction(as_user, editor, moderator):
    article = published(editor)
    response = as_user(moderator).post(
        url("move", article, action="correct"),
        {"correct-kind": "correction", "correct-text_ar": "صححنا عدد الجنود", "correct-text_en": "We corrected it"},
        follow=True,
    )
    correction = Correction.objects.get(article=article)
    assert (correction.kind, correction.text_ar, correction.created_by) == ("correction", "صححنا عدد الجنود", moderator)
    assert "The correction is published on the story." in messages_of(response)


def test_an_editor_cannot_add_a_correction(as_user, editor):
    article = published(editor)
    response = as_user(editor).post(
        url("move", article, action="correct"),
        {"correct-kind": "correction", "correct-text_ar": "تصحيح"},
        follow=True,
    )
    assert not Correction.objects.exists()
    assert any("You may not do this" in message for message in messages_of(response))


def test_moves_are_post_only(as_user, editor):
    article = draft(editor)
    response = as_user(editor).get(url("move", article, action="submit"))
    assert response.status_code == 405
    article.refresh_from_db()
    assert article.status == State.DRAFT


def test_unknown_moves_and_saves_are_not_buttons(as_user, superuser, editor):
    article = draft(editor)
    client = as_user(superuser)
    assert client.post(url("move", article, action="fly")).status_code == 404
    assert client.post(url("move", article, action="go_live")).status_code == 404
    assert client.post(url("move", article, action="save")).status_code == 404
    assert Revision.objects.filter(article=article).count() == 1


def test_moves_come_back_to_where_they_were_made_but_never_off_the_site(as_user, editor):
    article = draft(editor)
    client = as_user(editor)
    history = url("history", article)
    response = client.post(url("move", article, action="trash"), {**move_post("trash", article), "next": history})
    assert response["Location"] == history
    services.article_untrash(article=article, user=editor)
    response = client.post(
        url("move", article, action="trash"), {**move_post("trash", article), "next": "https://evil.example/"}
    )
    assert response["Location"] == url("change", article)


def test_people_without_the_desk_cannot_move_stories(client, reader, inactive_editor, staff_without_roles, editor):
    article = draft(editor)
    data = move_post("submit", article, revision=article.latest_revision)
    for user in (reader, inactive_editor):
        client.force_login(user)
        assert client.post(url("move", article, action="submit"), data).status_code == 302
    client.force_login(staff_without_roles)
    assert client.post(url("move", article, action="submit"), data).status_code == 403
    article.refresh_from_db()
    assert article.status == State.DRAFT


def _future():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() + timedelta(days=1)
