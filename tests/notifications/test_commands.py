"""The commands and the failures around the worker: a queue that is down, a job that never came."""

import pytest
from django.core import mail
from django.core.management import call_command

from comments import services as comments
from notifications import services
from notifications.models import Channel, Notification, Outbox
from tests.factories import draft

pytestmark = pytest.mark.django_db


def test_a_queue_that_refuses_the_job_leaves_the_event_for_the_next_delivery(
    editor, moderator, monkeypatch, django_capture_on_commit_callbacks, capsys
):
    from django_tasks.backends.immediate import ImmediateBackend

    def down(*args, **kwargs):
        raise ConnectionError("the task queue's database is unreachable")

    monkeypatch.setattr(ImmediateBackend, "enqueue", down)
    article = draft(editor)
    with django_capture_on_commit_callbacks(execute=True):
        comment = comments.comment_create(article=article, user=moderator, body="@editor")
    assert comment.pk, "the comment is kept though its notification could not be queued"
    assert Outbox.objects.filter(done_at__isnull=True).count() == 1
    call_command("notifications_deliver", "--dry-run")
    assert "1 event(s) waiting." in capsys.readouterr().out
    assert not Notification.objects.exists()
    call_command("notifications_deliver")
    assert "1 event(s) delivered as 2 notification(s)." in capsys.readouterr().out
    assert Notification.objects.filter(recipient=editor, channel=Channel.DESK).exists()
    assert len(mail.outbox) == 1


def test_the_digest_command_sends_and_says_how_many(editor, moderator, capsys):
    services.profile_update(user=editor, daily_digest=True)
    comments.comment_create(article=draft(editor), user=moderator, body="@editor")
    services.outbox_deliver()
    call_command("notifications_digest")
    assert "1 digest e-mail(s) sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_a_database_error_while_delivering_leaves_the_event_waiting(editor, moderator, monkeypatch):
    from django.db import OperationalError

    comments.comment_create(article=draft(editor), user=moderator, body="@editor")

    def dropped(row):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "notifications_write", dropped)
    with pytest.raises(OperationalError):
        services.outbox_deliver()
    assert Outbox.objects.filter(done_at__isnull=True).count() == 1, "nothing is marked done that was not written"
    monkeypatch.undo()
    services.outbox_deliver()
    assert Outbox.objects.filter(done_at__isnull=True).count() == 0
