"""What the newsroom plans: budget lines, the events they cover, desks and people's settings.

A budget line is a plan, never a publication: its due time and planned slot
are for the desk's eyes. Publishing stays with the story's own workflow
(``articles.workflow``); a line only links to the story made from it and
shows that story's state.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    """An unguessable token for calendar feeds (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def time_zone_names() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name and "Etc" not in name]


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(zone)s” is not a time zone name such as Asia/Baghdad."), params={"zone": value})


class DeskMember(models.Model):
    """A person on a section's desk: an editor plans, and takes assignments, in the desks they belong to.

    Sections have no membership of their own in ``articles``; this is
    planning's. Moderators plan every section without being members.
    """

    section = models.ForeignKey(
        "articles.Section", verbose_name=_("section"), on_delete=models.CASCADE, related_name="desk_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="desks"
    )

    class Meta:
        ordering = ["section__order", "section__slug", "user__username"]
        verbose_name = _("desk member")
        verbose_name_plural = _("desk members")
        constraints = [models.UniqueConstraint(fields=["section", "user"], name="planning_desk_member_once")]

    def __str__(self):
        return f"{self.user.get_username()} · {self.section}"


class PlanningProfile(models.Model):
    """A person's planning settings: their own time zone and their calendar feed token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="planning_profile"
    )
    time_zone = models.CharField(
        _("my time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Times are shown in the newsroom's time zone and, when yours differs, in yours beside them."),
    )
    feed_token = models.CharField(
        _("calendar feed token"), max_length=64, unique=True, default=new_feed_token, editable=False
    )
    feed_token_created_at = models.DateTimeField(_("feed token made"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("planning profile")
        verbose_name_plural = _("planning profiles")

    def __str__(self):
        return self.user.get_username()

    def get_absolute_url(self):
        return reverse("admin:planning_budgetline_me")


class Event(models.Model):
    """Something that happens and is covered: a summit, a match, an election.

    Its start and end are stored in UTC and were entered in the event's own
    time zone, which a recurrence keeps: a weekly 18:00 in Beirut stays
    18:00 in Beirut across a daylight-saving change.
    """

    class Repeat(models.TextChoices):
        NEVER = "never", _("does not repeat")
        DAILY = "daily", _("every day")
        WEEKLY = "weekly", _("every week")
        MONTHLY = "monthly", _("every month")
        YEARLY = "yearly", _("every year")
        HIJRI_YEARLY = "hijri_yearly", _("every Hijri year")

    title_ar = models.CharField(_("title (Arabic)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    section = models.ForeignKey(
        "articles.Section",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planned_events",
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("Where the event happens, for example Africa/Cairo; its times are entered in this zone."),
    )
    repeat = models.CharField(_("repeats"), max_length=20, choices=Repeat.choices, default=Repeat.NEVER)
    repeat_until = models.DateField(
        _("repeats until"), null=True, blank=True, help_text=_("The last day an occurrence may start on.")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="planning_event_ends_after")
        ]

    def __str__(self):
        return self.title_ar or self.title_en or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("admin:planning_event_change", args=[self.pk])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class BudgetLine(models.Model):
    """A planned story on the budget: what, for which section, by whom, for when.

    ``status`` is the plan's own progress, not the story's workflow state;
    once a draft is made from the line (``article``), the budget shows that
    story's state beside it. ``due_at`` and ``slot_at`` are planned times
    only: nothing reads them to publish.
    """

    class Kind(models.TextChoices):
        STORY = "story", _("story")
        PICTURE = "picture", _("picture")
        VIDEO = "video", _("video")
        LIVE = "live", _("live coverage")

    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        ASSIGNED = "assigned", _("assigned")
        IN_PROGRESS = "in_progress", _("in progress")
        FILED = "filed", _("filed")
        DROPPED = "dropped", _("dropped")

    class Priority(models.IntegerChoices):
        TOP = 1, _("top")
        NORMAL = 2, _("normal")
        LOW = 3, _("low")

    title_ar = models.CharField(_("working title (Arabic)"), max_length=200, blank=True)
    title_en = models.CharField(_("working title (English)"), max_length=200, blank=True)
    section = models.ForeignKey(
        "articles.Section", verbose_name=_("section"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    day = models.DateField(_("budget day"), help_text=_("The day's budget this line is on, in the newsroom's time."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STORY)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        help_text=_("The writer, photographer or producer who files it."),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="edited_budget_lines",
        help_text=_("Who on the desk looks after it."),
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True, help_text=_("When the copy should be filed."))
    slot_at = models.DateTimeField(
        _("planned slot"),
        null=True,
        blank=True,
        help_text=_("When the desk plans to run it. A plan only: it never publishes anything."),
    )
    words = models.PositiveIntegerField(_("length in words"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(_("plan status"), max_length=20, choices=Status.choices, default=Status.IDEA)
    position = models.PositiveIntegerField(_("order on the budget"), default=0)
    event = models.ForeignKey(
        Event,
        verbose_name=_("event covered"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coverage",
    )
    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_line",
        editable=False,
        help_text=_("The story made from this line."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        ordering = ["day", "section__order", "section__slug", "position", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        permissions = [("plan_any_section", _("Can plan and assign in every section"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["idea", "assigned", "in_progress", "filed", "dropped"]),
                name="planning_budget_line_status_known",
            ),
            models.CheckConstraint(condition=~Q(title_ar="", title_en=""), name="planning_budget_line_has_title"),
        ]
        indexes = [models.Index(fields=["day", "section", "position"], name="planning_budget_day_idx")]

    def __str__(self):
        return self.title_ar or self.title_en or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("admin:planning_budgetline_change", args=[self.pk])
