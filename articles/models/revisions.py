"""Revisions: every save of a story, frozen.

A revision is a complete copy of the story's fields in both languages and of
its relations (section, lead image, authors in order, tags). Revisions are
only ever created; restoring an old one creates a new one from it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .article import OrderedAuthor
from .content import StoryContent


class RevisionImmutable(Exception):
    """Raised on any attempt to change or delete a saved revision."""


class RevisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise RevisionImmutable("Revisions cannot be changed; save a new revision instead.")

    def delete(self):
        raise RevisionImmutable("Revisions cannot be deleted; the history of a story is kept whole.")

    def with_relations(self):
        """Load everything a revision is made of in a fixed number of queries."""
        return self.select_related("section", "lead_image", "created_by").prefetch_related(
            models.Prefetch("bylines", queryset=RevisionAuthor.objects.select_related("author").order_by("position")),
            "tags",
        )


class Revision(StoryContent):
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("story"), on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"), help_text=_("1 for the first save of a story, then 2, 3, ..."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"))
    note = models.CharField(_("note"), max_length=500, blank=True, help_text=_("What changed, in a few words."))
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The revision the editor started from."),
    )
    conflict_with = models.ForeignKey(
        "self",
        verbose_name=_("conflicts with"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Set when someone else saved first: the revision that was current when this one was saved."),
    )
    restored_from = models.ForeignKey(
        "self", verbose_name=_("restored from"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    english_stale = models.BooleanField(
        _("English may be out of date"),
        default=False,
        help_text=_("The Arabic text changed after the English was last edited."),
    )
    authors = models.ManyToManyField(
        "articles.Author", verbose_name=_("authors"), through="RevisionAuthor", related_name="+", blank=True
    )
    tags = models.ManyToManyField(
        "articles.Tag", verbose_name=_("tags"), through="RevisionTag", related_name="+", blank=True
    )

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "-number"]
        get_latest_by = "number"
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_once"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="revision_number_positive"),
        ]
        # The unique constraint's index serves "a story's history, newest
        # first" and "the latest revision"; "revision_by_author" serves "my
        # revisions". "revision_by_section" holds each revision's id beside
        # its section, so the desk's list filtered by section finds the
        # current revisions in that section from two indexes alone (this one
        # and the stories' ``latest_revision``), not by reading a revision
        # row per story.
        indexes = [
            models.Index(fields=["created_by", "-created_at"], name="revision_by_author"),
            models.Index(fields=["section", "id"], name="revision_by_section"),
        ]

    def __str__(self):
        return _("Revision %(number)s of %(story)s") % {"number": self.number, "story": self.article_id}

    def get_absolute_url(self):
        return reverse("admin:articles_article_revision", kwargs={"object_id": self.article_id, "number": self.number})

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RevisionImmutable("Revisions cannot be changed; save a new revision instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RevisionImmutable("Revisions cannot be deleted; the history of a story is kept whole.")

    @property
    def is_conflict(self) -> bool:
        return self.conflict_with_id is not None


class RevisionAuthor(OrderedAuthor):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="bylines")

    class Meta(OrderedAuthor.Meta):
        verbose_name = _("revision byline")
        verbose_name_plural = _("revision bylines")
        constraints = [
            models.UniqueConstraint(fields=["revision", "author"], name="revision_author_once"),
            models.UniqueConstraint(fields=["revision", "position"], name="revision_author_position_once"),
        ]

    def __str__(self):
        return f"{self.revision_id}: {self.author_id} ({self.position})"


class RevisionTag(models.Model):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    tag = models.ForeignKey("articles.Tag", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("revision tag")
        verbose_name_plural = _("revision tags")
        constraints = [models.UniqueConstraint(fields=["revision", "tag"], name="revision_tag_once")]

    def __str__(self):
        return f"{self.revision_id}: {self.tag_id}"
