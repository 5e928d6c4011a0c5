"""The demo newsroom has a conversation to show: a story in review, a resolved thread, an open one mentioning the moderator."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from articles.models import Article
from articles.workflow import State
from comments.demo import KEY, PHRASE
from comments.models import Thread
from notifications.models import Channel, Event, Notification

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_the_demo_story_in_review_has_a_resolved_and_an_open_thread_and_the_moderator_is_told(
    capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0)
        call_command("load_demo", verbosity=0)  # idempotent
    article = Article.objects.get(external_id=KEY)
    assert article.status == State.IN_REVIEW
    threads = list(Thread.objects.filter(article=article).order_by("pk"))
    assert [thread.is_resolved for thread in threads] == [True, False]
    open_thread = threads[1]
    assert (open_thread.field, open_thread.quote) == ("body_ar", PHRASE)
    [mention] = open_thread.comments.all()
    assert [person.username for person in mention.mentioned.all()] == ["moderator"]
    assert Notification.objects.filter(
        recipient__username="moderator", event=Event.MENTIONED, channel=Channel.DESK, article=article
    ).exists()
