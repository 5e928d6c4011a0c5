"""One pipeline: an event is written in the change's transaction and becomes one notification per person per channel."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from articles import services as articles_services
from articles.signals import story_taken_over
from comments import services as comments
from notifications import messages, services
from notifications.models import Channel, Event, Follower, Notification, Outbox, Preference
from notifications.tasks import deliver
from tests.factories import AuthorFactory, EditorFactory, draft, submitted

pytestmark = pytest.mark.django_db


def deliver_all():
    return services.outbox_deliver()


def mine(user, channel=Channel.DESK):
    return list(Notification.objects.filter(recipient=user, channel=channel).values_list("event", flat=True))


def test_one_approval_makes_exactly_one_notification_per_person_per_channel_even_when_the_job_runs_twice(
    editor, moderator, django_capture_on_commit_callbacks
):
    byline_writer = EditorFactory(username="writer")
    article = submitted(editor, authors=[AuthorFactory(user=byline_writer)])
    with django_capture_on_commit_callbacks(execute=True):
        articles_services.revision_approve(article=article, revision=article.review_revision, user=moderator)
    [row] = Outbox.objects.filter(event=Event.APPROVED)
    # The worker runs the job again (a retry after a lost acknowledgement), and
    # a second worker takes the same row as if it had never been done.
    deliver.call(row.pk)
    Outbox.objects.filter(pk=row.pk).update(done_at=None)
    deliver.call(row.pk)
    deliver_all()
    counts = sorted(Notification.objects.filter(key=row.key).values_list("recipient__username", "channel"))
    assert counts == [("editor", "desk"), ("editor", "email"), ("writer", "desk"), ("writer", "email")]
    assert sorted(message.to[0] for message in mail.outbox) == ["editor@newsroom.test", "writer@newsroom.test"]
    assert not Notification.objects.filter(recipient=moderator).exists(), "the approver is not told of their own move"


def test_a_move_is_written_in_the_transaction_of_the_change_and_rolled_back_with_it(editor, moderator):
    article = submitted(editor)
    with pytest.raises(RuntimeError), transaction.atomic():
        articles_services.article_request_changes(article=article, user=moderator, comment="أعد الصياغة")
        assert Outbox.objects.filter(event=Event.RETURNED).exists()
        raise RuntimeError("the change fails after the move")
    assert not Outbox.objects.exists()


def test_each_workflow_move_reaches_the_storys_people_as_its_own_event(editor, moderator):
    article = submitted(editor)
    articles_services.article_request_changes(article=article, user=moderator, comment="العنوان طويل")
    article.refresh_from_db()
    articles_services.article_submit(article=article, revision=article.latest_revision, user=editor)
    article.refresh_from_db()
    articles_services.revision_approve(article=article, revision=article.review_revision, user=moderator)
    article.refresh_from_db()
    articles_services.correction_add(article=article, user=moderator, kind="correction", text_ar="تصحيح")
    articles_services.article_unpublish(article=article, user=moderator, reason="قانوني")
    deliver_all()
    assert sorted(mine(editor)) == sorted([Event.RETURNED, Event.APPROVED, Event.CORRECTED, Event.UNPUBLISHED])
    returned = Notification.objects.get(recipient=editor, event=Event.RETURNED, channel=Channel.DESK)
    assert messages.excerpt(returned) == "العنوان طويل"


def test_a_mention_in_a_request_for_changes_tells_the_person_mentioned(editor, moderator):
    desk_chief = EditorFactory(username="chief")
    article = submitted(editor)
    articles_services.article_request_changes(article=article, user=moderator, comment="@chief راجع الأرقام")
    deliver_all()
    assert mine(desk_chief) == [Event.MENTIONED]
    assert mine(editor) == [Event.RETURNED]


def test_a_comment_tells_followers_once_and_the_mentioned_as_a_mention(editor, moderator):
    article = draft(editor)
    other = EditorFactory(username="other")
    comments.comment_create(article=article, user=other, body="سؤال عن الفقرة الثانية")
    comments.comment_create(article=article, user=moderator, body="@editor و @other انظرا")
    deliver_all()
    assert sorted(mine(editor)) == [Event.COMMENTED, Event.MENTIONED]
    assert mine(other) == [Event.MENTIONED], "a commenter follows the story; a mention is one notice, not two"
    assert mine(moderator) == [], "nobody hears of their own comment"


def test_groups_and_desks_can_be_mentioned(editor, moderator):
    from planning.models import DeskMember

    article = draft(editor)
    desk_writer = EditorFactory(username="deskwriter")
    DeskMember.objects.create(section=article.latest_revision.section, user=desk_writer)
    comments.comment_create(article=article, user=editor, body="@moderators و @politics")
    deliver_all()
    assert mine(moderator) == [Event.MENTIONED]
    assert mine(desk_writer) == [Event.MENTIONED]


def test_stopping_following_a_story_is_kept_over_commenting_on_it(editor, moderator):
    article = draft(editor)
    services.story_follow(article=article, user=editor, following=False)
    comments.comment_create(article=article, user=editor, body="ملاحظة")
    comments.comment_create(article=article, user=moderator, body="رد")
    deliver_all()
    assert mine(editor) == []
    assert Follower.objects.get(article=article, user=editor).following is False


def test_anyone_may_follow_a_story_and_hear_of_it(editor, moderator):
    article = draft(editor)
    reader_on_desk = EditorFactory(username="curious")
    services.story_follow(article=article, user=reader_on_desk)
    comments.comment_create(article=article, user=moderator, body="ملاحظة")
    deliver_all()
    assert mine(reader_on_desk) == [Event.COMMENTED]


def test_a_channel_switched_off_gets_nothing(editor, moderator):
    Preference.objects.create(user=editor, event=Event.MENTIONED, channel=Channel.EMAIL, enabled=False)
    article = draft(editor)
    comments.comment_create(article=article, user=moderator, body="@editor")
    deliver_all()
    assert mine(editor, Channel.DESK) == [Event.MENTIONED]
    assert mine(editor, Channel.EMAIL) == []
    assert mail.outbox == []


def test_someone_taking_over_my_story_tells_me(editor, moderator):
    article = draft(editor)
    with transaction.atomic():
        story_taken_over.send(sender=type(article), article=article, by=moderator, previous=editor)
    deliver_all()
    assert mine(editor) == [Event.TAKEN_OVER]
    with translation.override("en"):
        assert "took over" in messages.summary(Notification.objects.get(recipient=editor, channel=Channel.DESK))


def test_an_assignment_tells_the_assignee(editor, moderator):
    from datetime import date

    from planning.models import DeskMember
    from planning.services import budget_line_assign, budget_line_create
    from tests.factories import SectionFactory

    section = SectionFactory(slug="politics", name_ar="سياسة", name_en="Politics")
    DeskMember.objects.create(section=section, user=editor)
    line = budget_line_create(user=moderator, section=section, day=date(2026, 12, 2), title_ar="خط")
    budget_line_assign(user=moderator, line=line, assignee=editor)
    budget_line_assign(user=moderator, line=line, assignee=editor)  # no change: nothing new to say
    deliver_all()
    assert mine(editor) == [Event.ASSIGNED]


def test_a_mail_server_that_is_down_leaves_the_email_to_send_later(editor, moderator, monkeypatch):
    article = draft(editor)
    comments.comment_create(article=article, user=moderator, body="@editor")

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    from django.core.mail.backends.locmem import EmailBackend

    with monkeypatch.context() as patched:
        patched.setattr(EmailBackend, "send_messages", refuse)
        deliver_all()
    email = Notification.objects.get(recipient=editor, channel=Channel.EMAIL)
    assert email.sent_at is None and mail.outbox == []
    assert Notification.objects.filter(recipient=editor, channel=Channel.DESK).exists(), "the desk still hears"
    deliver_all()
    email.refresh_from_db()
    assert email.sent_at is not None and len(mail.outbox) == 1


def test_the_daily_digest_sends_one_email_with_everything(editor, moderator):
    services.profile_update(user=editor, daily_digest=True)
    article = draft(editor)
    for word in ("أولى", "ثانية", "ثالثة"):
        comments.comment_create(article=article, user=moderator, body=f"@editor {word}")
    deliver_all()
    assert mail.outbox == [], "no e-mail each time for a digest reader"
    assert services.digest_send() == 1
    [digest] = mail.outbox
    assert all(word in digest.body for word in ("أولى", "ثانية", "ثالثة"))
    assert services.digest_send() == 0
