"""Every write the notification centre makes: the outbox, notifications, e-mails, followers, preferences.

The order is always the same. ``outbox_add`` runs inside the transaction of
the change (a comment, a workflow move) and writes one row naming the event
and who is to hear of it; once that commits, the task worker calls
``outbox_deliver``, which writes at most one notification per person and
channel (the database's unique key makes a second run, or a second worker,
write nothing) and then sends what is due by e-mail, marking each sent
under a row lock, so nobody gets a notice twice.
"""

import logging
from collections import defaultdict
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from articles.models import Article
from articles.signals import desk_pulse_changed

from . import messages
from .models import Channel, Event, Follower, Notification, Outbox, Preference, Profile
from .selectors import preferences as _preferences

logger = logging.getLogger(__name__)

# How many waiting outbox rows one drain turns into notifications at most.
DRAIN_BATCH = 200


# Followers -------------------------------------------------------------------


def followers_add(*, article: Article, users) -> None:
    """People who commented or were mentioned follow the story, unless they chose to stop following it."""
    have = set(Follower.objects.filter(article=article, user__in=users).values_list("user_id", flat=True))
    Follower.objects.bulk_create(
        [Follower(article=article, user=user) for user in users if user.pk not in have], ignore_conflicts=True
    )


def story_follow(*, article: Article, user, following: bool = True) -> Follower:
    """Follow or stop following a story, as the person's own choice (kept over automatic following)."""
    follower, _created = Follower.objects.update_or_create(
        article=article, user=user, defaults={"following": following, "chosen": True}
    )
    return follower


# The outbox --------------------------------------------------------------------


def story_details(article: Article, actor) -> dict:
    """What a notice about ``article`` says of it, frozen at the event: the headlines and who acted."""
    revision = article.latest_revision if article.latest_revision_id else None
    source = revision or article
    return {
        "headline_ar": getattr(source, "headline_ar", "") or "",
        "headline_en": getattr(source, "headline_en", "") or "",
        "actor_name": (actor.get_full_name() or actor.get_username()) if actor is not None else "",
    }


def outbox_add(
    *, key: str, event: str, recipients: dict[int, str], article: Article | None = None, actor=None, data=None
) -> Outbox | None:
    """Write the event in the caller's transaction; the worker delivers it once the transaction commits.

    ``recipients`` maps each person to the event they hear of (a mentioned
    follower hears "mentioned", the others "commented"). The actor never
    hears of their own doing. A key already written is not written again.
    """
    actor_id = actor.pk if actor is not None else None
    recipients = {int(user_id): str(kind) for user_id, kind in recipients.items() if int(user_id) != actor_id}
    if not recipients:
        return None
    row, created = Outbox.objects.get_or_create(
        key=key,
        defaults={
            "event": event,
            "article": article,
            "actor": actor,
            "data": {**(data or {}), "recipients": {str(user_id): kind for user_id, kind in recipients.items()}},
        },
    )
    if created:
        transaction.on_commit(partial(_enqueue, row.pk))
    return row


def _enqueue(outbox_id: int) -> None:
    from .tasks import deliver

    try:
        deliver.enqueue(outbox_id)
    except Exception:  # noqa: BLE001 - the row waits for the next drain (manage.py notifications_deliver)
        logger.exception("Could not queue notification delivery for outbox row %s", outbox_id)


def notifications_write(row: Outbox) -> int:
    """Turn one outbox row into notifications (desk and e-mail, as each person prefers); returns how many are new."""
    recipients = {int(user_id): kind for user_id, kind in row.data.get("recipients", {}).items()}
    people = get_user_model().objects.filter(pk__in=recipients, is_active=True).only("pk", "email")
    preferences = _preferences(list(recipients))
    details = {name: value for name, value in row.data.items() if name != "recipients"}
    wanted = []
    for person in people:
        kind = recipients[person.pk]
        for channel in Channel.values:
            if not preferences.get((person.pk, kind, channel), True):
                continue
            if channel == Channel.EMAIL and not person.email:
                continue
            wanted.append(
                Notification(
                    key=row.key,
                    recipient=person,
                    channel=channel,
                    event=kind,
                    article_id=row.article_id,
                    actor_id=row.actor_id,
                    data=details,
                    created_at=row.created_at,
                )
            )
    before = Notification.objects.filter(key=row.key).count()
    Notification.objects.bulk_create(wanted, ignore_conflicts=True)
    _pulse_changed([n.recipient.pk for n in wanted if n.channel == Channel.DESK])
    return Notification.objects.filter(key=row.key).count() - before


def _pulse_changed(user_ids) -> None:
    """These people's bells changed: say so once the transaction commits (``articles.signals.desk_pulse_changed``)."""
    user_ids = sorted(set(user_ids))
    if user_ids:
        transaction.on_commit(partial(desk_pulse_changed.send, sender=Notification, user_ids=user_ids))


def outbox_deliver(*, outbox_id: int | None = None) -> int:
    """Write the notifications of one waiting row (or of every waiting row), then send what is due by e-mail.

    Safe to run twice, or on two workers at once: a row is taken under a
    lock other workers skip, and the unique key refuses a second copy of a
    notification even when a row is taken again. Returns how many were written.
    """
    waiting = Outbox.objects.filter(done_at__isnull=True).order_by("created_at", "pk")
    if outbox_id is not None:
        waiting = waiting.filter(pk=outbox_id)
    written = 0
    for row_id in list(waiting.values_list("pk", flat=True)[:DRAIN_BATCH]):
        with transaction.atomic():
            row = Outbox.objects.select_for_update(skip_locked=True).filter(pk=row_id, done_at__isnull=True).first()
            if row is None:
                continue  # another worker has it, or had it
            written += notifications_write(row)
            row.done_at = timezone.now()
            row.save(update_fields=["done_at"])
    emails_send()
    return written


# E-mail ------------------------------------------------------------------------


def _language(user) -> str:
    profile = Profile.objects.filter(user=user).first()
    return profile.language if profile is not None else settings.LANGUAGE_CODE


def _site_url(path: str) -> str:
    return settings.NEWSROOM_SITE_URL.rstrip("/") + path


def email_message(user, notifications: list[Notification], *, digest: bool = False) -> EmailMultiAlternatives:
    """The e-mail for ``notifications``, in the person's language and direction (Arabic right to left)."""
    from articles import editions

    language = _language(user)
    with translation.override(language):
        items = [
            {
                "summary": messages.summary(notification),
                "excerpt": messages.excerpt(notification),
                "url": _site_url(messages.target(notification)),
                "at": notification.created_at,
            }
            for notification in notifications
        ]
        context = {
            "items": items,
            "digest": digest,
            "language": language,
            "direction": editions.direction(language),
            "site_name": editions.site_name(language),
            "settings_url": _site_url(Profile(user=user).get_absolute_url()),
            "person": user.get_full_name() or user.get_username(),
        }
        subject = render_to_string("notifications/email/subject.txt", context).strip()
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message


def emails_send() -> int:
    """Send each e-mail notification not yet sent to people who want them at once; returns how many went."""
    digest_people = Profile.objects.filter(daily_digest=True).values("user_id")
    due = (
        Notification.objects.filter(channel=Channel.EMAIL, sent_at__isnull=True)
        .exclude(recipient__in=digest_people)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    sent = 0
    for notification_id in list(due[:DRAIN_BATCH]):
        try:
            with transaction.atomic():
                notification = (
                    Notification.objects.select_for_update(skip_locked=True)
                    .select_related("recipient")
                    .filter(pk=notification_id, sent_at__isnull=True)
                    .first()
                )
                if notification is None:
                    continue
                email_message(notification.recipient, [notification]).send()
                notification.sent_at = timezone.now()
                notification.save(update_fields=["sent_at"])
                sent += 1
        except OSError:
            # The mail server is down or refused: the notification stays
            # unsent and the next delivery tries again.
            logger.exception("Could not e-mail notification %s", notification_id)
    return sent


def digest_send() -> int:
    """One e-mail per person who chose the daily digest, with everything not yet sent; returns how many e-mails."""
    people = Profile.objects.filter(daily_digest=True).values_list("user_id", flat=True)
    grouped: dict[int, list[int]] = defaultdict(list)
    for pk, recipient_id in Notification.objects.filter(
        channel=Channel.EMAIL, sent_at__isnull=True, recipient_id__in=people
    ).values_list("pk", "recipient_id"):
        grouped[recipient_id].append(pk)
    sent = 0
    for recipient_id, ids in grouped.items():
        try:
            with transaction.atomic():
                notifications = list(
                    Notification.objects.select_for_update(skip_locked=True)
                    .select_related("recipient")
                    .filter(pk__in=ids, sent_at__isnull=True)
                    .order_by("created_at", "pk")
                )
                if not notifications:
                    continue
                email_message(notifications[0].recipient, notifications, digest=True).send()
                Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(sent_at=timezone.now())
                sent += 1
        except OSError:
            logger.exception("Could not send the digest to person %s", recipient_id)
    return sent


# The desk ----------------------------------------------------------------------


def notifications_mark_read(*, user, ids=None) -> int:
    """Mark the person's desk notifications read: those in ``ids``, or all of them. Returns how many."""
    unread = Notification.objects.filter(recipient=user, channel=Channel.DESK, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    marked = unread.update(read_at=timezone.now())
    if marked:
        _pulse_changed([user.pk])
    return marked


def profile_update(*, user, language: str | None = None, daily_digest: bool | None = None) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    if language is not None:
        profile.language = language
    if daily_digest is not None:
        profile.daily_digest = daily_digest
    profile.full_clean()
    profile.save()
    return profile


def preferences_update(*, user, enabled: dict[tuple[str, str], bool]) -> None:
    """Set the person's choice for each (event, channel); choices left out keep their value."""
    for (event, channel), on in enabled.items():
        if event not in Event.values or channel not in Channel.values:
            continue
        Preference.objects.update_or_create(user=user, event=event, channel=channel, defaults={"enabled": bool(on)})
