"""What an editor typed and has not saved yet: one draft copy per person per story.

A draft copy is not a revision. Revisions are explicit saves, numbered and
kept for ever; a draft copy is overwritten by every autosave, belongs to the
person who typed it, and is removed once its text is saved as a revision.
Nothing a reader, a feed, search, the API or an export reads ever looks at
this table.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DraftBuffer(models.Model):
    """The whole story form as one person last typed it, and the revision they typed it on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("typed by"), on_delete=models.CASCADE, related_name="+"
    )
    # Empty for a story not saved yet: each person has one such copy.
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    base_revision = models.ForeignKey(
        "articles.Revision",
        verbose_name=_("typed on revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The revision the form showed when the typing started."),
    )
    # The form's fields by name, each a list of the values it posts
    # (``{"headline_ar": ["..."], "authors": ["3", "1"], ...}``): both
    # editions, every detail, the byline in order, the tags, the save's note.
    content = models.JSONField(_("content"), default=dict)
    created_at = models.DateTimeField(_("first typed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last typed"), auto_now=True)

    class Meta:
        verbose_name = _("draft copy")
        verbose_name_plural = _("draft copies")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], condition=Q(article__isnull=False), name="drafts_one_per_user_per_story"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="drafts_one_new_story_per_user"
            ),
        ]

    def __str__(self):
        story = f"#{self.article_id}" if self.article_id else _("a new story")
        return _("Draft copy of %(story)s by %(who)s") % {"story": story, "who": self.user}

    def get_absolute_url(self):
        if self.article_id is None:
            return reverse("admin:articles_article_add")
        return reverse("admin:articles_article_change", args=[self.article_id])
