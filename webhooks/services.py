"""Writing events to the outbox and delivering them, with retries and back-off.

The outbox row is written inside the transaction of the change it reports
(``receivers.on_story_changed``): a change that is rolled back leaves no
event, and a committed change always has one, whether an editor, a
moderator or the scheduler made it. Delivery happens after commit, on the
task worker, one request per event and subscription; each is retried with
exponential back-off for ``NEWSROOM_WEBHOOK_RETRY_HOURS`` until the partner
answers 2xx. Each delivery is sent under its row's lock, so two workers
never send the same one; once answered 2xx it is never sent again.
"""

import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import signing
from .models import Attempt, Delivery, Event, Subscription

logger = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 5
BACKOFF_FACTOR = 3


def body_of(event: Event) -> bytes:
    """The request body: the same bytes on every attempt (the payload as stored, keys sorted)."""
    return json.dumps(event.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def event_record(*, event_type: str, article_id: int, data: dict, subscriptions: list[Subscription]) -> Event:
    """Write an event and its deliveries to the outbox (call inside the change's transaction)."""
    now = timezone.now()
    event = Event.objects.create(
        id=f"msg_{uuid.uuid4().hex}",
        type=event_type,
        article_id=article_id,
        payload={"type": event_type, "timestamp": now.isoformat(), "data": data},
        created_at=now,
    )
    Delivery.objects.bulk_create(Delivery(event=event, subscription=sub, next_attempt_at=now) for sub in subscriptions)
    event_id = event.pk
    transaction.on_commit(lambda: _queue(event_id))
    return event


def _queue(event_id: str) -> None:
    from .tasks import deliver_event

    deliver_event.enqueue(event_id)


def retry_delay(attempts: int) -> timedelta:
    """How long after the ``attempts``-th failure to try again: 5 s, 15 s, 45 s, ... (×3 each time)."""
    return timedelta(seconds=FIRST_RETRY_SECONDS * BACKOFF_FACTOR ** (attempts - 1))


def deliveries_send(*, event_id: str | None = None, now: datetime | None = None) -> list[Delivery]:
    """Send every delivery that is due (of one event, or all); returns those tried."""
    now = now or timezone.now()
    due = Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
    if event_id is not None:
        due = due.filter(event_id=event_id)
    tried = []
    for pk in due.order_by("next_attempt_at", "pk").values_list("pk", flat=True):
        with transaction.atomic():
            delivery = (
                Delivery.objects.select_for_update(skip_locked=True)
                .select_related("event", "subscription")
                .filter(pk=pk, state=Delivery.State.PENDING, next_attempt_at__lte=now)
                .first()
            )
            if delivery is None:
                continue  # another worker has it, or it was delivered meanwhile
            delivery_attempt(delivery, now=now)
            tried.append(delivery)
    _queue_retry(tried)
    return tried


def delivery_attempt(delivery: Delivery, *, now: datetime) -> Attempt:
    """POST one delivery, signed, and write the outcome (call with the delivery's row locked)."""
    body = body_of(delivery.event)
    request = urllib.request.Request(
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "AlKhabar-Webhooks/1",
            **signing.headers(delivery.subscription.secret, delivery.event_id, body),
        },
    )
    started = time.monotonic()
    status, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=settings.NEWSROOM_WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310 - the partner's configured URL
            status = response.status
    except urllib.error.HTTPError as failure:
        status = failure.code
    except (OSError, ValueError) as failure:  # refused, timed out, DNS, a malformed URL
        error = str(failure)[:500] or failure.__class__.__name__
    attempt = Attempt.objects.create(
        delivery=delivery, at=now, status=status, error=error, duration_ms=int((time.monotonic() - started) * 1000)
    )
    delivery.attempts += 1
    delivery.last_status = status
    if status is not None and 200 <= status < 300:
        delivery.state = Delivery.State.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    else:
        deadline = delivery.event.created_at + timedelta(hours=settings.NEWSROOM_WEBHOOK_RETRY_HOURS)
        next_at = now + retry_delay(delivery.attempts)
        if next_at > deadline:
            next_at = deadline if now < deadline - timedelta(seconds=FIRST_RETRY_SECONDS) else None
        if next_at is None:
            delivery.state = Delivery.State.FAILED
            logger.warning(
                "Webhook %s to %s given up after %s attempts",
                delivery.event_id,
                delivery.subscription,
                delivery.attempts,
            )
        delivery.next_attempt_at = next_at
    delivery.save(update_fields=["attempts", "last_status", "state", "delivered_at", "next_attempt_at"])
    return attempt


def _queue_retry(tried: list[Delivery]) -> None:
    """On a task backend that can defer, queue the next sweep for the soonest retry.

    The immediate backend (``make run``) cannot; there ``manage.py
    deliver_webhooks`` (or any scheduler running it each minute) sends retries.
    """
    from django_tasks import default_task_backend

    from .tasks import deliver_due

    waiting = [d.next_attempt_at for d in tried if d.state == Delivery.State.PENDING and d.next_attempt_at]
    if waiting and default_task_backend.supports_defer:
        run_after = min(waiting)
        transaction.on_commit(lambda: deliver_due.using(run_after=run_after).enqueue())


def delivery_replay(*, delivery: Delivery) -> Delivery:
    """Send a delivery again now, whatever became of it (the admin's replay button). Same ``webhook-id``."""
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        locked.state = Delivery.State.PENDING
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["state", "next_attempt_at"])
        event_id = locked.event_id
        transaction.on_commit(lambda: _queue(event_id))
    return locked
