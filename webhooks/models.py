"""Partners' subscriptions, the outbox of events, and every delivery attempt."""

import base64
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EVENT_TYPES = (
    ("story.published", _("Published")),
    ("story.updated", _("Updated")),
    ("story.corrected", _("Corrected")),
    ("story.unpublished", _("Unpublished")),
    ("story.embargo_lifted", _("Embargo lifted")),
)
EVENT_NAMES = [name for name, _label in EVENT_TYPES]


def new_secret() -> str:
    """A signing secret as the Standard Webhooks specification writes it: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class Subscription(models.Model):
    """A partner's endpoint and the events it wants."""

    partner = models.CharField(_("partner"), max_length=120)
    url = models.URLField(_("address"), max_length=500, help_text=_("Where events are sent, by POST."))
    events = models.JSONField(
        _("events"),
        default=list,
        help_text=_("Which events to send: published, updated, corrected, unpublished, embargo lifted."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        help_text=_("Shared with the partner, who checks each request's signature with it."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["partner", "id"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self):
        return f"{self.partner}: {self.url}"

    def wants(self, event_type: str) -> bool:
        return self.active and event_type in self.events


class Event(models.Model):
    """One change partners hear of, written in the same transaction as the change (the outbox).

    Its ``id`` is the ``webhook-id`` every delivery of it carries, retries
    included, so a partner can tell a retry from a new event.
    """

    id = models.CharField(_("event ID"), max_length=40, primary_key=True)
    type = models.CharField(_("type"), max_length=40, choices=EVENT_TYPES)
    article_id = models.BigIntegerField(_("story"))
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        indexes = [models.Index(fields=["article_id", "-created_at"], name="webhook_event_by_story")]

    def __str__(self):
        return f"{self.type} #{self.article_id} ({self.id})"


class Delivery(models.Model):
    """One event to one subscription: tried until the partner answers 2xx, or for a day."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Given up")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, verbose_name=_("subscription"), on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, default=timezone.now)
    last_status = models.PositiveIntegerField(_("last response code"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-event__created_at", "id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [models.UniqueConstraint(fields=["event", "subscription"], name="webhook_delivery_once")]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self):
        return f"{self.event_id} → {self.subscription_id} ({self.state})"


class Attempt(models.Model):
    """The delivery log: one row per request sent, with the answer's code or the error."""

    delivery = models.ForeignKey(Delivery, verbose_name=_("delivery"), on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(_("sent at"), default=timezone.now)
    status = models.PositiveIntegerField(_("response code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        ordering = ["delivery", "at", "id"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self):
        return f"{self.delivery_id} at {self.at:%Y-%m-%d %H:%M:%S}: {self.status or self.error}"
