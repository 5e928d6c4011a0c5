"""The workflow's moves as the admin offers them: a form and a button per move.

Which moves a user gets is the workflow table's answer
(``selectors.moves_for``); what a move does is a service's. This module only
pairs each move with the form that collects its input, the service that
makes it, and the sentence that says it was made.
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
        ScheduleForm, _schedule, _approved, revision=lambda article, start: article.review_revision_id
    ),
    Action.REQUEST_CHANGES: MoveKind(
        MoveForm,
        _simple(services.article_request_changes),
        _said(gettext_lazy("The story went back to its editors with your comment.")),
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
    ),
    Action.CORRECT: MoveKind(
        CorrectionForm, _correct, _said(gettext_lazy("The correction is published on the story."))
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
    return kind.form_class(
        data,
        article=article,
        comment_required=comment_required(action),
        initial=initial,
        prefix=action.value,
        # Several stories' buttons share the review queue's page.
        auto_id=f"id_{article.pk}_%s",
    )


@dataclass
class MoveButton:
    """One move a user may make now, ready to draw as a small form."""

    action: Action
    label: str
    url: str
    form: forms.Form
    next_url: str

    @property
    def danger(self) -> bool:
        return self.action in (Action.UNPUBLISH, Action.TRASH, Action.REQUEST_CHANGES)

    @property
    def secondary(self) -> bool:
        """Moves made now and then, drawn folded so the everyday ones stand out."""
        return self.action in (Action.UNPUBLISH, Action.TRASH, Action.CORRECT, Action.SCHEDULE, Action.UNSCHEDULE)


def move_buttons(
    article: Article, user, *, next_url: str, only: tuple[Action, ...] | None = None, start=None
) -> list[MoveButton]:
    """The moves ``user`` may start on ``article`` now, each with its form.

    ``start`` is the revision on screen (the story form's), for the moves
    about the text the user is looking at.

    Saving and restoring have screens of their own (the story form and the
    history), so they are not among these buttons.
    """
    buttons = []
    for action in selectors.moves_for(article, user):
        if action not in MOVE_KINDS or (only is not None and action not in only):
            continue
        buttons.append(
            MoveButton(
                action=action,
                label=action.label,
                url=reverse("admin:articles_article_move", kwargs={"object_id": article.pk, "action": action.value}),
                form=move_form(action, article, start=start),
                next_url=next_url,
            )
        )
    return buttons


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
