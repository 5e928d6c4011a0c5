"""What the notification centre keeps: the outbox of events, the notifications, followers and preferences.

A notification holds the event, not a sentence: it is put into words when it
is shown or sent, in the language of the person reading it (``messages``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    MENTIONED = "mentioned", _("I am mentioned")
    COMMENTED = "commented", _("a comment on a story I follow")
    RETURNED = "returned", _("my story is returned with changes requested")
    APPROVED = "approved", _("my story is approved and published")
    SCHEDULED = "scheduled", _("my story is approved and scheduled")
    PUBLISHED = "published", _("my scheduled story goes live")
    UNPUBLISHED = "unpublished", _("my story is unpublished")
    CORRECTED = "corrected", _("a correction is added to my story")
    ASSIGNED = "assigned", _("a budget line is assigned to me")
    TAKEN_OVER = "taken_over", _("someone takes over a story I had open")


class Channel(models.TextChoices):
    DESK = "desk", _("in the desk")
    EMAIL = "email", _("by e-mail")


class Outbox(models.Model):
    """An event waiting to be turned into notifications; written in the transaction that caused it."""

    key = models.CharField(
        _("event key"), max_length=120, unique=True, help_text=_("Names the event once, such as comment:12.")
    )
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("happened at"), default=timezone.now)
    done_at = models.DateTimeField(_("turned into notifications at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("outbox event")
        verbose_name_plural = _("outbox events")
        indexes = [models.Index(fields=["created_at"], condition=Q(done_at__isnull=True), name="notif_outbox_waiting")]
        constraints = [models.CheckConstraint(condition=Q(event__in=Event.values), name="notif_outbox_event_known")]

    def __str__(self):
        return self.key


class Notification(models.Model):
    """One person's notice of one event on one channel, written once (``key``, ``recipient``, ``channel``)."""

    key = models.CharField(_("event key"), max_length=120)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("for"), on_delete=models.CASCADE, related_name="notifications"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    sent_at = models.DateTimeField(
        _("e-mailed at"), null=True, blank=True, help_text=_("When the e-mail, or the digest holding it, went out.")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient", "channel"], name="notif_once_per_person_channel"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="notif_channel_known"),
            models.CheckConstraint(condition=Q(event__in=Event.values), name="notif_event_known"),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                condition=Q(channel="desk", read_at__isnull=True),
                name="notif_unread",
            ),
            models.Index(fields=["recipient", "channel", "-created_at"], name="notif_list"),
            models.Index(
                fields=["created_at"], condition=Q(channel="email", sent_at__isnull=True), name="notif_unsent"
            ),
        ]

    def __str__(self):
        return f"{self.key} → {self.recipient_id} ({self.channel})"

    def get_absolute_url(self):
        return reverse("admin:notifications_notification_open", args=[self.pk])


class Follower(models.Model):
    """Someone who hears of a story, or who said they no longer want to (``following`` False).

    The story's creator and the byline's staff follow without a row; a row
    records who followed by commenting or being mentioned, and anyone's
    explicit choice, which automatic following never overrides.
    """

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, related_name="followers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="followed_stories"
    )
    following = models.BooleanField(_("following"), default=True)
    chosen = models.BooleanField(_("chosen by the person"), default=False)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("story follower")
        verbose_name_plural = _("story followers")
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="notif_follower_once")]

    def __str__(self):
        return f"{self.user_id} · {self.article_id}"


class Preference(models.Model):
    """A person's choice for one event on one channel; without a row, the default holds (on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("on"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "event", "channel"], name="notif_preference_once")]

    def __str__(self):
        return f"{self.user_id}: {self.event}/{self.channel} {'on' if self.enabled else 'off'}"


class Profile(models.Model):
    """How a person hears: the language notices are written in, and e-mail at once or in a daily digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_profile",
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="ar",
        help_text=_("The language your e-mails are written in."),
    )  # fmt: skip
    daily_digest = models.BooleanField(
        _("e-mail once a day"),
        default=False,
        help_text=_("One e-mail a day with everything, instead of one each time."),
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return self.user.get_username()

    def get_absolute_url(self):
        return reverse("admin:notifications_notification_settings")
