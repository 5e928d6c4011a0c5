"""Webhooks end to end, against a real HTTP receiver on 127.0.0.1 (a thread).

Events are written to the outbox with the change, sent after commit, signed
as the Standard Webhooks specification says; when the receiver goes away
mid-way, the retries deliver every event once it is back, exactly once per
event id.
"""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone

from articles import services
from tests.factories import ModeratorFactory, corrected, published, republished, scheduled
from webhooks import signing
from webhooks.models import EVENT_NAMES, Attempt, Delivery, Event, Subscription
from webhooks.services import deliveries_send, retry_delay

pytestmark = pytest.mark.django_db


class Receiver:
    """A partner's endpoint: records what it is sent, answers ``status``; can be stopped and started again."""

    def __init__(self):
        self.received: list[tuple[dict, bytes]] = []
        self.status = 200
        self.server = None
        self.port = 0
        self.start()

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hooks/newsroom"

    def ids(self):
        return [headers["webhook-id"] for headers, _body in self.received]


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.stop()


@pytest.fixture
def subscription(receiver):
    return Subscription.objects.create(partner="Gulf Wire", url=receiver.url, events=EVENT_NAMES)


def test_events_are_signed_and_carry_the_story_and_its_ninjs(
    receiver, subscription, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = published()
    ((headers, body),) = receiver.received
    signing.verify(subscription.secret, headers, body)
    assert headers["webhook-signature"].startswith("v1,")
    payload = json.loads(body)
    assert payload["type"] == "story.published"
    assert payload["data"]["story_id"] == story.pk
    assert payload["data"]["story"]["editions"]["ar"]["headline"] == story.headline_ar
    assert [item["language"] for item in payload["data"]["ninjs"]] == ["ar", "en"]
    assert payload["data"]["story"]["editions"]["ar"]["url"].startswith("http://127.0.0.1:8000/ar/news/")
    with pytest.raises(signing.InvalidSignature):
        signing.verify(subscription.secret, headers, body + b" ")
    with pytest.raises(signing.InvalidSignature):
        signing.verify(signing_secret_of_another(), headers, body)
    assert Delivery.objects.get().state == Delivery.State.DELIVERED
    assert Attempt.objects.get().status == 200


def signing_secret_of_another():
    from webhooks.models import new_secret

    return new_secret()


def test_receiver_killed_mid_way_retries_deliver_every_event_exactly_once(
    receiver, subscription, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = published(moderator=moderator)
        corrected(first, moderator)
        second = published(moderator=moderator)
    assert len(receiver.received) == 3

    receiver.stop()  # the partner's server goes down
    with django_capture_on_commit_callbacks(execute=True):
        republished(first, moderator=moderator, headline_ar="عنوان جديد للخبر")
        services.article_unpublish(article=second, user=moderator, reason="Withdrawn")
    waiting = Delivery.objects.filter(state=Delivery.State.PENDING)
    assert waiting.count() == 2
    assert all(d.attempts == 1 and d.last_status is None for d in waiting)
    assert all(a.error for a in Attempt.objects.filter(status__isnull=True))

    # Not yet due: nothing is sent early.
    assert deliveries_send() == []
    receiver.start()  # back, on the same address
    later = timezone.now() + retry_delay(1)
    assert len(deliveries_send(now=later)) == 2
    # Later sweeps send nothing again.
    assert deliveries_send(now=later + timedelta(days=2)) == []

    events = list(Event.objects.order_by("created_at"))
    assert [e.type for e in events] == [
        "story.published",
        "story.corrected",
        "story.published",
        "story.updated",
        "story.unpublished",
    ]
    assert sorted(receiver.ids()) == sorted(e.id for e in events)  # each event id exactly once
    for headers, body in receiver.received:
        signing.verify(subscription.secret, headers, body)
    withdrawn = json.loads(receiver.received[-1][1])
    assert withdrawn["type"] == "story.unpublished"
    assert withdrawn["data"]["ninjs"][0]["pubstatus"] == "canceled"
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.DELIVERED}


def test_a_failing_partner_is_retried_with_growing_delays_for_a_day_then_given_up(
    receiver, subscription, django_capture_on_commit_callbacks
):
    receiver.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        published()
    delivery = Delivery.objects.get()
    now = timezone.now()
    while delivery.state == Delivery.State.PENDING:
        now = delivery.next_attempt_at
        deliveries_send(now=now)
        delivery.refresh_from_db()
    assert delivery.state == Delivery.State.FAILED
    sent = list(Attempt.objects.order_by("at").values_list("at", flat=True))
    gaps = [later - earlier for earlier, later in zip(sent, sent[1:], strict=False)]
    assert gaps[0] == timedelta(seconds=5)
    # Each wait three times the one before, but the last, which is cut to end at the 24 hours.
    assert all(later == earlier * 3 for earlier, later in zip(gaps[:-2], gaps[1:-1], strict=True))
    assert now - delivery.event.created_at <= timedelta(hours=24)
    assert now - delivery.event.created_at >= timedelta(hours=23)
    assert set(Attempt.objects.values_list("status", flat=True)) == {500}
    assert Attempt.objects.count() == delivery.attempts == len(receiver.received)
    assert len(set(receiver.ids())) == 1  # the same webhook-id on every retry


def test_the_scheduler_going_live_sends_published_and_embargo_lifted(
    receiver, subscription, django_capture_on_commit_callbacks
):
    until = timezone.now() + timedelta(minutes=5)
    story = scheduled(embargo_until=until, at=until)
    assert Event.objects.count() == 0  # approving for later tells partners nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        services.articles_publish_due(now=until + timedelta(seconds=1))
    assert [json.loads(body)["type"] for _h, body in receiver.received] == ["story.published", "story.embargo_lifted"]
    assert {e.article_id for e in Event.objects.all()} == {story.pk}


def test_a_change_rolled_back_leaves_no_event(subscription):
    with pytest.raises(RuntimeError), transaction.atomic():
        published()
        assert Event.objects.count() == 1  # written with the change, in its transaction
        raise RuntimeError("the change fails after the outbox row was written")
    assert Event.objects.count() == 0


def test_subscriptions_get_only_their_events(receiver, django_capture_on_commit_callbacks):
    Subscription.objects.create(partner="Corrections only", url=receiver.url, events=["story.corrected"])
    with django_capture_on_commit_callbacks(execute=True):
        story = published()
        corrected(story)
    assert [json.loads(body)["type"] for _h, body in receiver.received] == ["story.corrected"]


def test_replay_sends_a_delivery_again_with_the_same_id(receiver, subscription, django_capture_on_commit_callbacks):
    from webhooks.services import delivery_replay

    with django_capture_on_commit_callbacks(execute=True):
        published()
    with django_capture_on_commit_callbacks(execute=True):
        delivery_replay(delivery=Delivery.objects.get())
    assert len(receiver.ids()) == 2 and len(set(receiver.ids())) == 1
    assert Delivery.objects.get().attempts == 2
