"""The story: its place in the workflow, and the live copy readers are served."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .. import editions
from ..links import link
from ..workflow import State
from .content import StoryContent


class ArticleQuerySet(models.QuerySet):
    def live(self):
        """The only stories a reader may ever see.

        Every public page, feed, sitemap, search and related list starts
        here. A story is live while it has a live revision: approval sets
        it, unpublishing clears it, and drafts, reviews, schedules and the
        trash never do.
        """
        return self.filter(live_revision__isnull=False)

    def in_language(self, language: str):
        """Live stories that have an edition in ``language``."""
        if language == editions.primary():
            return self
        return self.filter(has_english=True)


class Article(StoryContent):
    """A story. Its content fields are a copy of its live revision.

    Editors never write these fields directly: every save makes a new
    ``Revision``, and publishing copies the approved revision here, so that
    readers see exactly what a moderator approved and nothing else.
    """

    status = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    latest_revision = models.ForeignKey(
        "articles.Revision",
        verbose_name=_("current revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The revision the next edit starts from."),
    )
    live_revision = models.ForeignKey(
        "articles.Revision",
        verbose_name=_("live revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_revision = models.ForeignKey(
        "articles.Revision",
        verbose_name=_("revision in review"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    scheduled_revision = models.ForeignKey(
        "articles.Revision",
        verbose_name=_("scheduled revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    go_live_at = models.DateTimeField(_("goes live at"), null=True, blank=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    last_updated_at = models.DateTimeField(
        _("last updated"), null=True, blank=True, help_text=_("When a later revision last replaced the live one.")
    )
    has_english = models.BooleanField(_("English edition"), default=False, editable=False)
    live_extras = models.JSONField(
        _("bylines, tags and corrections as shown"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Written with the live copy, so a story page needs no query for them."),
    )
    authors = models.ManyToManyField(
        "articles.Author", verbose_name=_("authors"), through="ArticleAuthor", related_name="articles", blank=True
    )
    tags = models.ManyToManyField(
        "articles.Tag", verbose_name=_("tags"), through="ArticleTag", related_name="articles", blank=True
    )
    external_id = models.CharField(
        _("external ID"),
        max_length=100,
        blank=True,
        help_text=_("The story's ID at the wire service or system it came from, if any."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The searchable form of the live copy, written by ``search.index_article``
    # when the story goes live. The text columns hold normalised stems (what
    # the SQLite fallback matches); the vectors exist for PostgreSQL, where a
    # GIN index (created by migration 0003 on PostgreSQL only) serves them.
    search_text_ar = models.TextField(_("search terms (Arabic)"), blank=True, default="", editable=False)
    search_text_en = models.TextField(_("search terms (English)"), blank=True, default="", editable=False)
    search_ar = SearchVectorField(_("search vector (Arabic)"), null=True, blank=True, editable=False)
    search_en = SearchVectorField(_("search vector (English)"), null=True, blank=True, editable=False)
    # The live body as plain text, written with the index: what a result's
    # excerpt is cut from, so a page of results reads no HTML.
    search_body_ar = models.TextField(_("body as plain text (Arabic)"), blank=True, default="", editable=False)
    search_body_en = models.TextField(_("body as plain text (English)"), blank=True, default="", editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-first_published_at", "-id"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        permissions = [
            ("submit_article", _("Can submit a story for review")),
            ("approve_article", _("Can approve or return a story in review")),
            ("unpublish_article", _("Can unpublish a live story")),
            ("trash_article", _("Can move a draft to the trash and back")),
        ]
        indexes = [
            models.Index(
                fields=["-first_published_at", "-id"],
                name="article_live_latest",
                condition=models.Q(live_revision__isnull=False),
            ),
            models.Index(
                fields=["section", "-first_published_at", "-id"],
                name="article_live_section",
                condition=models.Q(live_revision__isnull=False),
            ),
            models.Index(fields=["status", "go_live_at"], name="article_status_go_live"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"], condition=~models.Q(external_id=""), name="article_external_id_once"
            ),
            models.CheckConstraint(condition=models.Q(status__in=State.values), name="article_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=State.PUBLISHED) | models.Q(live_revision__isnull=False),
                name="article_published_has_live_revision",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=[State.UNPUBLISHED, State.TRASHED])
                | models.Q(live_revision__isnull=True),
                name="article_withdrawn_not_live",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=State.IN_REVIEW) | models.Q(review_revision__isnull=False),
                name="article_in_review_has_revision",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=State.SCHEDULED)
                | models.Q(scheduled_revision__isnull=False, go_live_at__isnull=False),
                name="article_scheduled_has_revision_and_time",
            ),
            models.CheckConstraint(
                condition=models.Q(live_revision__isnull=True) | models.Q(first_published_at__isnull=False),
                name="article_live_has_publish_time",
            ),
        ]

    def __str__(self):
        return self.headline_ar or self.headline_en or f"#{self.pk}"

    def get_absolute_url(self):
        return link("articles:story", pk=self.pk, slug=self.slug or "-")

    @property
    def lead_image_alt(self) -> str:
        """The picture's alt text as the live revision's approval took it, in the active language.

        Lists print it from the live copy (``live_extras``), not from the
        library, where an editor's unapproved fix waits (see
        ``services.live.live_extras_write``).
        """
        if not self.lead_image_id:
            return ""
        if hasattr(self, "approved_alt"):
            # A list reads only the approved alt text out of the live copy
            # (``selectors.article_live_list``), not the whole of it.
            if str(self.approved_image_id) != str(self.lead_image_id):
                return self.lead_image.alt or ""
            return self.approved_alt or self.approved_alt_primary or ""
        if "live_extras" in self.get_deferred_fields():
            # Any other read that left the live copy out prints the library's text.
            return self.lead_image.alt or ""
        approved = (self.live_extras or {}).get("image") or {}
        if approved.get("id") != self.lead_image_id:
            return self.lead_image.alt or ""
        code = (get_language() or editions.primary())[:2]
        return approved.get(f"alt_{code}") or approved.get(f"alt_{editions.primary()}") or ""

    @property
    def is_live(self) -> bool:
        return self.live_revision_id is not None

    @property
    def ever_published(self) -> bool:
        return self.first_published_at is not None

    def live_languages(self) -> list[str]:
        """The editions readers get of the live copy: always Arabic, English when it was written.

        The same rule as ``ArticleQuerySet.in_language``, for one story.
        """
        return [editions.primary(), "en"] if self.has_english else [editions.primary()]


class OrderedAuthor(models.Model):
    author = models.ForeignKey("articles.Author", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        abstract = True
        ordering = ["position"]


class ArticleAuthor(OrderedAuthor):
    """A byline on the live story, in the order the names are printed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")

    class Meta(OrderedAuthor.Meta):
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="article_author_once"),
            models.UniqueConstraint(fields=["article", "position"], name="article_author_position_once"),
        ]

    def __str__(self):
        return f"{self.article_id}: {self.author_id} ({self.position})"


class ArticleTag(models.Model):
    """A tag on the live story."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey("articles.Tag", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("story tag")
        verbose_name_plural = _("story tags")
        constraints = [models.UniqueConstraint(fields=["article", "tag"], name="article_tag_once")]
        indexes = [models.Index(fields=["tag", "article"], name="article_tag_by_tag")]

    def __str__(self):
        return f"{self.article_id}: {self.tag_id}"
