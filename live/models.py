"""Live coverage of a story, its entries with their revisions and corrections, and breaking-news banners."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Coverage(models.Model):
    """A story's live coverage: open while entries are being posted, closed once it is over.

    Opening and closing are workflow moves (``articles.workflow``), recorded
    in the story's history. ``version`` rises with every change to an entry;
    readers' pages ask for what changed after the version they have.
    """

    article = models.OneToOneField(
        "articles.Article", verbose_name=_("story"), on_delete=models.PROTECT, related_name="live_coverage"
    )
    opened_at = models.DateTimeField(_("opened at"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff"),
        blank=True,
        related_name="live_coverages",
        help_text=_("Who may post entries during the coverage, besides the moderators."),
    )
    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | models.Q(closed_at__gte=models.F("opened_at")),
                name="live_coverage_closed_after_opened",
            )
        ]

    def __str__(self):
        return str(self.article)

    def get_absolute_url(self):
        return self.article.get_absolute_url()

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Entry(models.Model):
    """One update posted during live coverage; readers see it at once, until it is removed."""

    coverage = models.ForeignKey(
        Coverage, verbose_name=_("live coverage"), on_delete=models.PROTECT, related_name="entries"
    )
    posted_at = models.DateTimeField(_("time"), help_text=_("The time readers see beside the entry."))
    body_ar = models.TextField(_("text (Arabic)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    image = models.ForeignKey(
        "articles.Image",
        verbose_name=_("picture"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    quote_ar = models.TextField(_("quote (Arabic)"), blank=True)
    quote_en = models.TextField(_("quote (English)"), blank=True)
    quote_by_ar = models.CharField(_("quote by (Arabic)"), max_length=200, blank=True, help_text=_("Who said it."))
    quote_by_en = models.CharField(_("quote by (English)"), max_length=200, blank=True, help_text=_("Who said it."))
    author = models.ForeignKey(
        "articles.Author",
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The byline readers see on the entry."),
    )
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Shown first, above the newest entries."))
    key_event = models.BooleanField(
        _("key event"), default=False, help_text=_("Listed in the summary of key events at the top.")
    )
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    version = models.PositiveBigIntegerField(
        _("version"), default=0, help_text=_("The coverage's version it last changed at.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["-posted_at", "-id"]
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        indexes = [
            models.Index(fields=["coverage", "-posted_at"], name="live_entry_newest"),
            models.Index(fields=["coverage", "version"], name="live_entry_changed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(body_ar="", body_en="", quote_ar="", quote_en="", image__isnull=True),
                name="live_entry_not_empty",
            )
        ]

    def __str__(self):
        from articles.richtext import plain_text

        return (plain_text(self.body_ar or self.body_en) or self.quote_ar or self.quote_en)[:60] or f"#{self.pk}"

    def get_absolute_url(self):
        return f"{self.coverage.article.get_absolute_url()}#entry-{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class EntryRevision(models.Model):
    """Every change to an entry, as a snapshot of it afterwards: who, when, what they did."""

    class Change(models.TextChoices):
        POSTED = "posted", _("Posted")
        EDITED = "edited", _("Edited")
        PINNED = "pinned", _("Pinned")
        UNPINNED = "unpinned", _("Unpinned")
        KEY_EVENT = "key_event", _("Marked as a key event")
        NOT_KEY_EVENT = "not_key_event", _("No longer a key event")
        CORRECTED = "corrected", _("Corrected")
        REMOVED = "removed", _("Removed")

    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    change = models.CharField(_("change"), max_length=20, choices=Change.choices)
    snapshot = models.JSONField(_("entry as it was then"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("when"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("entry revision")
        verbose_name_plural = _("entry revisions")
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="live_entry_revision_number_unique"),
            models.CheckConstraint(
                condition=models.Q(change__in=["posted", "edited", "pinned", "unpinned", "key_event",
                                               "not_key_event", "corrected", "removed"]),
                name="live_entry_revision_change_valid",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.entry_id} #{self.number} ({self.change})"


class EntryCorrection(models.Model):
    """A dated public note on an entry, as a story's corrections are."""

    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=[("correction", _("Correction")), ("clarification", _("Clarification")), ("update", _("Update"))],
    )
    text_ar = models.TextField(_("text (Arabic)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    published_at = models.DateTimeField(_("published at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["published_at", "id"]
        verbose_name = _("entry correction")
        verbose_name_plural = _("entry corrections")

    def __str__(self):
        return self.text_ar[:60]


class Banner(models.Model):
    """A breaking-news banner over every public page of one edition, for a story, until its end time."""

    article = models.ForeignKey("articles.Article", verbose_name=_("story"), on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("edition"), max_length=8, choices=settings.LANGUAGES)
    text = models.CharField(
        _("text"), max_length=160, blank=True, help_text=_("Empty: the story's headline in that edition.")
    )
    starts_at = models.DateTimeField(_("raised at"))
    ends_at = models.DateTimeField(_("ends at"), help_text=_("The banner comes down by itself at this time."))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("raised by"), on_delete=models.PROTECT, related_name="+"
    )
    lowered_at = models.DateTimeField(_("lowered at"), null=True, blank=True)
    lowered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lowered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("breaking-news banner")
        verbose_name_plural = _("breaking-news banners")
        permissions = [("raise_banner", _("Can raise and lower breaking-news banners"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="live_banner_ends_after_start"
            )
        ]

    def __str__(self):
        return self.text or str(self.article)

    def get_absolute_url(self):
        return self.article.get_absolute_url()
