"""What presence keeps in the database: open forms (when Redis is absent), take-overs and parallel revisions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class OpenForm(models.Model):
    """One browser tab with a story's form open, as its last heartbeat said.

    Used only when Redis is absent or not answering (``presence.backends``);
    rows older than a few heartbeats are ignored and swept.
    """

    article = models.ForeignKey("articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    tab = models.CharField(_("tab"), max_length=32, help_text=_("A random name the browser tab gives itself."))
    since = models.DateTimeField(_("open since"))
    seen_at = models.DateTimeField(_("last heartbeat"), db_index=True)
    typed_at = models.DateTimeField(_("last typed"), null=True, blank=True)
    typing = models.BooleanField(_("typing"), default=False)
    unsaved = models.BooleanField(_("has unsaved changes"), default=False)

    class Meta:
        ordering = ["since"]
        verbose_name = _("open story form")
        verbose_name_plural = _("open story forms")
        constraints = [models.UniqueConstraint(fields=["article", "user", "tab"], name="presence_open_form_once")]
        indexes = [models.Index(fields=["article", "seen_at"], name="presence_open_form_seen")]

    def __str__(self):
        return f"{self.user} · {self.article_id} · {self.tab}"

    def get_absolute_url(self):
        return reverse("admin:articles_article_change", args=[self.article_id])


class TakeOver(models.Model):
    """Someone took a story over from a colleague who was editing it: part of the story's history."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, related_name="take_overs"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("taken over by"), on_delete=models.PROTECT, related_name="+"
    )
    previous = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("taken over from"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("take-over")
        verbose_name_plural = _("take-overs")
        indexes = [models.Index(fields=["article", "previous", "created_at"], name="presence_takeover_told")]

    def __str__(self):
        return f"{self.by} ← {self.previous} · {self.article_id}"

    def get_absolute_url(self):
        return reverse("admin:articles_article_history", args=[self.article_id])


class ParallelRevision(models.Model):
    """A colleague's save was kept beside this person's revision after a conflict: they should compare.

    ``revision`` is the side revision; ``overtaken`` the current revision
    it was saved beside, written by ``user``, who is told until they dismiss it.
    """

    article = models.ForeignKey("articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "articles.Revision", verbose_name=_("parallel revision"), on_delete=models.CASCADE, related_name="+"
    )
    overtaken = models.ForeignKey(
        "articles.Revision", verbose_name=_("overtaken revision"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("told"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("when"))
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("parallel revision")
        verbose_name_plural = _("parallel revisions")
        constraints = [models.UniqueConstraint(fields=["revision", "user"], name="presence_parallel_once")]
        indexes = [models.Index(fields=["user", "dismissed_at"], name="presence_parallel_open")]

    def __str__(self):
        return f"{self.revision} ∥ {self.overtaken}"

    def get_absolute_url(self):
        url = reverse("admin:articles_article_compare", kwargs={"object_id": self.article_id})
        return f"{url}?old={self.overtaken.number}&new={self.revision.number}"
