"""The workflow's moves as the admin offers them: one action area per story.

Which moves a user gets, and which of them are blocked and why, is the
workflow table's answer (``selectors.move_offers``); what a move does is a
service's. This module only pairs each move with the form that collects the
one input it needs, the service that makes it, and the sentence that says it
was made.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import selectors, services, workflow
from ..models import Article
from ..workflow import Action, State
from .forms import CorrectionForm, MoveForm, RevisionMoveForm, ScheduleForm


def _approved(article: Article, revision, data) -> str:
    if article.status == State.SCHEDULED:
        when = formats.date_format(timezone.localtime(article.go_live_at), "DATETIME_FORMAT")
        return _("Revision %(number)s is approved and goes live at %(when)s.") % {
            "number": revision.number,
            "when": when,
        }
    return _("Revision %(number)s is approved and live on the site.") % {"number": revision.number}


@dataclass(frozen=True)
class MoveKind:
    """How the admin makes one kind of move."""

    form_class: type[MoveForm]
    perform: Callable[..., Any]  # (article, user, cleaned data) -> the service's result
    done: Callable[..., str]  # (article after the move, revision or None, cleaned data) -> message
    # The revision the form carries: (article, the revision on screen or None) -> its id.
    revision: Callable[[Article, Any], int | None] = lambda article, start: None
    inputs: tuple[str, ...] = ()  # the fields the user fills in; the rest of the form is hidden or optional
    comment_label: str = ""  # what a required comment is called, when not "Comment"


def _submit(article, user, data):
    return services.revision_submit(article=article, revision=data["revision"], user=user, note=data["comment"])


def _on_screen(article, start) -> int | None:
    """The revision whose text the form shows (the editor's own after a conflict), else the current one."""
    return start.pk if start is not None else article.latest_revision_id


def _approve_now(article, user, data):
    return services.revision_approve(article=article, revision=data["revision"], user=user, comment=data["comment"])


def _schedule(article, user, data):
    return services.revision_approve(
        article=article, revision=data["revision"], user=user, publish_at=data["publish_at"], comment=data["comment"]
    )


def _correct(article, user, data):
    services.correction_add(
        article=article, user=user, kind=data["kind"], text_ar=data["text_ar"], text_en=data["text_en"]
    )
    return article


def _simple(service, keyword="comment"):
    return lambda article, user, data: service(article=article, user=user, **{keyword: data["comment"]})


def _said(message):
    return lambda article, revision, data: str(message)


MOVE_KINDS: dict[Action, MoveKind] = {
    Action.SUBMIT: MoveKind(
        RevisionMoveForm,
        _submit,
        lambda article, revision, data: (
            _("Revision %(number)s is with the moderators for review.") % {"number": article.review_revision.number}
        ),
        revision=_on_screen,
    ),
    Action.WITHDRAW: MoveKind(
        MoveForm,
        _simple(services.article_withdraw, "note"),
        _said(gettext_lazy("The story is back with you as a draft; it has left the review queue.")),
    ),
    Action.PUBLISH: MoveKind(
        RevisionMoveForm, _approve_now, _approved, revision=lambda article, start: article.review_revision_id
    ),
    Action.SCHEDULE: MoveKind(
        ScheduleForm,
        _schedule,
        _approved,
        revision=lambda article, start: article.review_revision_id,
        inputs=("publish_at",),
    ),
    Action.REQUEST_CHANGES: MoveKind(
        MoveForm,
        _simple(services.article_request_changes),
        _said(gettext_lazy("The story went back to its editors with your comment.")),
        inputs=("comment",),
    ),
    Action.UNSCHEDULE: MoveKind(
        MoveForm,
        _simple(services.article_unschedule),
        _said(gettext_lazy("The schedule is called off; the story is a draft again.")),
    ),
    Action.UNPUBLISH: MoveKind(
        MoveForm,
        _simple(services.article_unpublish, "reason"),
        _said(gettext_lazy("The story is off the site; its address now answers “gone”.")),
        inputs=("comment",),
        comment_label=gettext_lazy("Reason (required)"),
    ),
    Action.CORRECT: MoveKind(
        CorrectionForm,
        _correct,
        _said(gettext_lazy("The correction is published on the story.")),
        inputs=("kind", "text_ar", "text_en"),
    ),
    Action.TRASH: MoveKind(
        MoveForm,
        _simple(services.article_trash),
        _said(gettext_lazy("The story is in the trash. Nothing is deleted: it can be restored from there.")),
    ),
    Action.UNTRASH: MoveKind(
        MoveForm, _simple(services.article_untrash), _said(gettext_lazy("The story is out of the trash, as a draft."))
    ),
}


def comment_required(action: Action) -> bool:
    """Whether the workflow table wants a comment with ``action``."""
    return workflow.MOVES[action].comment == "required"


def move_form(action: Action, article: Article, data=None, *, start=None) -> MoveForm:
    """The form for ``action`` on ``article``: bound to ``data``, or ready to draw.

    ``start`` is the revision whose text the screen shows, when it is not the current one.
    """
    kind = MOVE_KINDS[action]
    initial = {"revision": kind.revision(article, start)}
    form = kind.form_class(
        data,
        article=article,
        comment_required=comment_required(action),
        initial=initial,
        prefix=action.value,
        # Several stories' buttons can share a page.
        auto_id=f"id_{article.pk}_%s",
    )
    if kind.comment_label and "comment" in form.fields:
        form.fields["comment"].label = kind.comment_label
    return form


@dataclass
class MoveButton:
    """One move of the story's action area: open, with the one input it needs, or blocked with the reasons."""

    action: Action
    label: str
    url: str
    form: forms.Form
    next_url: str
    reasons: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return not self.reasons

    @property
    def inputs(self) -> list[forms.BoundField]:
        """The fields the user fills in for this move; the form's other fields are hidden or optional."""
        return [self.form[name] for name in MOVE_KINDS[self.action].inputs]

    @property
    def element_id(self) -> str:
        return f"move-{self.form.article.pk}-{self.action.value}"

    @property
    def danger(self) -> bool:
        return self.action in (Action.UNPUBLISH, Action.TRASH, Action.REQUEST_CHANGES)

    @property
    def secondary(self) -> bool:
        """Moves made now and then, drawn folded so the everyday ones stand out."""
        return self.action in (Action.UNPUBLISH, Action.TRASH, Action.CORRECT, Action.UNSCHEDULE)


class ActionArea(list):
    """A story's moves as its action area draws them: the everyday ones, then the rest folded under "More"."""

    @property
    def main(self) -> list[MoveButton]:
        return [button for button in self if not button.secondary]

    @property
    def more(self) -> list[MoveButton]:
        return [button for button in self if button.secondary]


def move_buttons(
    article: Article, user, *, next_url: str, only: tuple[Action, ...] | None = None, start=None
) -> ActionArea:
    """The story's action area: the moves the workflow offers ``user`` on ``article`` now, each with its form.

    Open moves come first, then the blocked ones with their reasons; moves
    that make no sense now are not there. Saving and restoring have screens
    of their own (the story form and the history), so they are not among
    these buttons. ``start`` is the revision on screen (the story form's,
    the editor's own after a conflict), for the moves about the text the
    user is looking at.
    """
    actions = [action for action in (only or MOVE_KINDS) if action in MOVE_KINDS]
    buttons = [
        MoveButton(
            action=offer.action,
            label=offer.action.label,
            url=reverse("admin:articles_article_move", kwargs={"object_id": article.pk, "action": offer.action.value}),
            form=move_form(offer.action, article, start=start),
            next_url=next_url,
            reasons=offer.reasons,
        )
        for offer in selectors.move_offers(article, user, actions)
    ]
    return ActionArea(sorted(buttons, key=lambda button: not button.allowed))


def move_make(action: Action, article: Article, user, form: MoveForm) -> str:
    """Make the move with the form's data; return the message saying it was made.

    Raises what the service raises (``MoveRefused``, ``ValidationError``,
    ``PermissionDenied``) when the move is refused.
    """
    kind = MOVE_KINDS[action]
    data = form.cleaned_data
    result = kind.perform(article, user, data)
    moved = result if isinstance(result, Article) else article
    return kind.done(moved, data.get("revision"), data)
