"""The record of every workflow move: who, when, from where to where, and why."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..workflow import Action, State


class Transition(models.Model):
    """One move of a story through the workflow. Written once, never changed."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("story"), on_delete=models.PROTECT, related_name="transitions"
    )
    revision = models.ForeignKey(
        "articles.Revision",
        verbose_name=_("revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the scheduler made the move."),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), db_index=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("workflow move")
        verbose_name_plural = _("workflow moves")
        # "transition_history" serves a story's history; "transition_latest"
        # the desk's newest moves (the dashboard's activity box, the moves
        # list), which would otherwise sort every move ever made.
        indexes = [
            models.Index(fields=["article", "-created_at"], name="transition_history"),
            models.Index(fields=["-created_at", "-id"], name="transition_latest"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(action__in=Action.values), name="transition_action_valid"),
            models.CheckConstraint(condition=models.Q(from_state__in=State.values), name="transition_from_valid"),
            models.CheckConstraint(condition=models.Q(to_state__in=State.values), name="transition_to_valid"),
        ]

    def __str__(self):
        return f"{self.article_id}: {self.from_state} → {self.to_state} ({self.action})"
