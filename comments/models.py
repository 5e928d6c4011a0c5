"""Threads of comments on a story: on the whole story, on one field, or on a phrase inside a field.

A thread belongs to the revision it was started on (``revision``) and, for a
phrase, holds where the phrase was in that revision's text (``start``,
``end``: character offsets into the field's plain text) and the phrase
itself (``quote``). Later revisions find the phrase again through the word
diff (``anchors``); nothing is written to carry it forward.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Thread(models.Model):
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, related_name="comment_threads"
    )
    revision = models.ForeignKey(
        "articles.Revision",
        verbose_name=_("written on revision"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The revision the thread was started on; later revisions carry it."),
    )
    field = models.CharField(
        _("field"),
        max_length=40,
        blank=True,
        help_text=_("The story field the thread is about, such as body_ar; empty for the story as a whole."),
    )
    quote = models.TextField(_("commented text"), blank=True, help_text=_("The phrase the thread is about, if any."))
    start = models.PositiveIntegerField(_("phrase starts at"), null=True, blank=True)
    end = models.PositiveIntegerField(_("phrase ends at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("started at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment thread")
        verbose_name_plural = _("comment threads")
        permissions = [("resolve_any_thread", _("Can resolve and reopen anyone's comment threads"))]
        indexes = [models.Index(fields=["article", "created_at"], name="comments_thread_story")]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True) | Q(start__isnull=False, end__gt=models.F("start")),
                name="comments_thread_range_valid",
            ),
            models.CheckConstraint(
                condition=~Q(field="") | Q(start__isnull=True), name="comments_thread_range_needs_field"
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(resolved_by__isnull=False),
                name="comments_thread_resolved_by_someone",
            ),
        ]

    def __str__(self):
        return _("Thread %(id)s on story %(story)s") % {"id": self.pk, "story": self.article_id}

    def get_absolute_url(self):
        return reverse("admin:articles_article_change", args=[self.article_id]) + f"#comment-thread-{self.pk}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def language(self) -> str:
        """The edition of the field commented on (``ar``, ``en``), or ``""`` for the story as a whole."""
        return self.field.rsplit("_", 1)[1] if "_" in self.field else ""


class Comment(models.Model):
    thread = models.ForeignKey(Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"))
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    mentioned = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("people mentioned"),
        blank=True,
        related_name="+",
        help_text=_("Everyone an @mention in the comment named, people and the members of groups and desks."),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="comments_comment_not_empty")]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return self.thread.get_absolute_url()
