"""A live story as drawn, kept per edition: the copy ``articles.rendered`` writes, the story page and the lists read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RenderedStory(models.Model):
    """The drawn parts of one edition of a live story's page that depend only on its live copy.

    Written by ``rendered.story_rendered_refresh`` (whenever the story's live
    copy is refreshed) and nowhere else; a story that is not live has none.
    ``pieces`` holds what ``rendered.PIECES`` declares, with the fingerprint
    of the story row they were drawn from; ``version`` says which templates,
    translations and settings drew them. A page prints them only when both
    match what it would draw from (it draws its own otherwise).

    ``cards`` holds the story's cards as the lists print them
    (``rendered.CARDS``) by the kind of list that prints them
    (``rendered.LISTS``), each after the fingerprint of the values it was
    drawn from, apart from the pieces: a list reads its own kind's cards of
    each of its stories, never their pages.
    """

    article = models.ForeignKey("articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=8)
    version = models.CharField(_("version"), max_length=64)
    pieces = models.TextField(_("pieces"), help_text=_("The drawn pieces, as JSON."))
    cards = models.JSONField(_("cards"), blank=True, default=dict, help_text=_("The drawn cards, as JSON."))
    rendered_at = models.DateTimeField(_("drawn at"))

    class Meta:
        verbose_name = _("drawn story")
        verbose_name_plural = _("drawn stories")
        ordering = ["article", "language"]
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="rendered_story_once")]

    def __str__(self):
        return f"{self.article_id} ({self.language})"
