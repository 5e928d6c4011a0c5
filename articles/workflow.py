"""The life of a story: its states, the moves between them, who may make each
move and what must hold first.

This module is the single table of the editorial workflow. It is plain
Python: services hand it a ``MoveContext`` describing the story, the revision
and the actor, and it answers with the target state or the reasons for
refusing. Nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import Article, Revision


class State(TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")
    TRASHED = "trashed", _("In the trash")


class Action(TextChoices):
    SAVE = "save", _("Save")
    RESTORE = "restore", _("Restore revision")
    SUBMIT = "submit", _("Submit for review")
    WITHDRAW = "withdraw", _("Withdraw from review")
    PUBLISH = "publish", _("Approve and publish")
    SCHEDULE = "schedule", _("Approve and schedule")
    REQUEST_CHANGES = "request_changes", _("Request changes")
    UNSCHEDULE = "unschedule", _("Cancel the schedule")
    GO_LIVE = "go_live", _("Go live at the scheduled time")
    UNPUBLISH = "unpublish", _("Unpublish")
    CORRECT = "correct", _("Add a correction")
    TRASH = "trash", _("Move to the trash")
    UNTRASH = "untrash", _("Restore from the trash")
    OPEN_COVERAGE = "open_coverage", _("Open live coverage")
    CLOSE_COVERAGE = "close_coverage", _("Close live coverage")


# Permissions, as ``user.has_perm`` spells them. The groups that hold them are
# created by a data migration (Editors, Moderators).
EDIT = "articles.change_article"
SUBMIT = "articles.submit_article"
APPROVE = "articles.approve_article"
UNPUBLISH = "articles.unpublish_article"
CORRECT = "articles.add_correction"
TRASH = "articles.trash_article"
SYSTEM = None  # only the scheduler makes the move, never a person


@dataclass(frozen=True)
class MoveContext:
    """What the workflow needs to know to judge a move; built by the services."""

    state: State
    is_live: bool = False
    has_perm: Callable[[str], bool] = lambda perm: False
    is_system: bool = False
    actor_id: int | None = None
    revision: object | None = None  # the revision the move is about, if any
    head_revision_id: int | None = None
    review_revision_id: int | None = None
    comment: str = ""
    four_eyes: bool = True
    headline_max_length: int = 110
    go_live_at: datetime | None = None
    now: datetime | None = None
    coverage_open: bool = False  # told by the app that keeps live coverage (``live``)


def context_for(article: Article, *, user=None, revision: Revision | None = None, **extra) -> MoveContext:
    """Describe ``article`` and ``user`` to the workflow table (the story row as loaded; no query).

    Services judge the row they locked; buttons and screens judge the row
    they read, and a move pressed later is judged again by its service.
    """
    return MoveContext(
        state=State(article.status),
        is_live=article.is_live,
        has_perm=user.has_perm if user is not None else (lambda perm: False),
        is_system=user is None,
        actor_id=user.pk if user is not None else None,
        revision=revision,
        head_revision_id=article.latest_revision_id,
        review_revision_id=article.review_revision_id,
        four_eyes=settings.NEWSROOM_FOUR_EYES,
        headline_max_length=settings.NEWSROOM_HEADLINE_MAX_LENGTH,
        now=extra.pop("now", None) or timezone.now(),
        **extra,
    )


Guard = Callable[[MoveContext], dict[str, list[str]]]


def judges_input(guard: Guard) -> Guard:
    """Mark ``guard`` as judging what the user types with the move (a comment, a time).

    The desk cannot know that before the user types it, so it asks for the
    input instead of refusing the move in advance (``offer``).
    """
    guard.judges_input = True
    return guard


def hides_move(guard: Guard) -> Guard:
    """Mark ``guard`` as one whose refusal means the move makes no sense now.

    The desk leaves such a move out rather than drawing it disabled: there
    is nothing the user could do to make it possible (``offer``).
    """
    guard.hides_move = True
    return guard


def _errors(**by_field: str) -> dict[str, list[str]]:
    return {name: [message] for name, message in by_field.items() if message}


@judges_input
def needs_comment(ctx: MoveContext) -> dict[str, list[str]]:
    if ctx.comment.strip():
        return {}
    return _errors(comment=_("Write a comment: this move needs one."))


def revision_is_head(ctx: MoveContext) -> dict[str, list[str]]:
    revision = ctx.revision
    if revision is None:
        return _errors(revision=_("Name the revision this move is about."))
    if revision.pk != ctx.head_revision_id:
        return _errors(
            revision=_(
                "Revision %(number)s is not the current version of this story: a newer revision "
                "was saved after it, and has to be submitted for review before it can be approved."
            )
            % {"number": revision.number}
        )
    return {}


@hides_move
def revision_not_in_review(ctx: MoveContext) -> dict[str, list[str]]:
    """A revision already with the moderators is not submitted again."""
    revision = ctx.revision
    if revision is not None and revision.pk == ctx.review_revision_id:
        return _errors(revision=_("Revision %(number)s is already with the moderators.") % {"number": revision.number})
    return {}


def revision_is_submitted(ctx: MoveContext) -> dict[str, list[str]]:
    revision = ctx.revision
    if revision is None or revision.pk != ctx.review_revision_id:
        return _errors(
            revision=_(
                "This revision is not the one submitted for review; only the submitted revision can be approved."
            )
        )
    return {}


def four_eyes(ctx: MoveContext) -> dict[str, list[str]]:
    revision = ctx.revision
    if not ctx.four_eyes or revision is None or ctx.actor_id is None:
        return {}
    if revision.created_by_id == ctx.actor_id:
        return _errors(revision=_("You wrote this revision, so another moderator has to approve it (four-eyes rule)."))
    return {}


def content_publishable(ctx: MoveContext) -> dict[str, list[str]]:
    """The story must be complete in Arabic before readers can see it."""
    revision = ctx.revision
    if revision is None:
        return {}
    errors: dict[str, list[str]] = {}
    headline = (revision.headline_ar or "").strip()
    if not headline:
        errors["headline_ar"] = [_("The Arabic headline is missing.")]
    elif len(headline) > ctx.headline_max_length:
        errors["headline_ar"] = [
            _("The Arabic headline is %(length)s characters long; the limit is %(limit)s.")
            % {"length": len(headline), "limit": ctx.headline_max_length}
        ]
    english = (revision.headline_en or "").strip()
    if len(english) > ctx.headline_max_length:
        errors["headline_en"] = [
            _("The English headline is %(length)s characters long; the limit is %(limit)s.")
            % {"length": len(english), "limit": ctx.headline_max_length}
        ]
    if not revision.body_text("ar"):
        errors["body_ar"] = [_("The Arabic body is empty.")]
    if revision.section_id is None:
        errors["section"] = [_("Choose a section.")]
    image = revision.lead_image
    if image is not None and not (image.alt_ar or "").strip():
        errors["lead_image"] = [_("The lead image needs Arabic alt text describing it for readers who cannot see it.")]
    return errors


@judges_input
def go_live_in_future(ctx: MoveContext) -> dict[str, list[str]]:
    if ctx.go_live_at is None or ctx.now is None:
        return _errors(publish_at=_("Scheduling needs a publish time or an embargo in the future."))
    if ctx.go_live_at <= ctx.now:
        return _errors(
            publish_at=_(
                "That publish time has already passed, so the story was not scheduled. Choose a time in "
                "the future, or use “Approve and publish” to publish it now."
            )
        )
    return {}


def go_live_now(ctx: MoveContext) -> dict[str, list[str]]:
    if ctx.go_live_at is not None and ctx.now is not None and ctx.go_live_at > ctx.now:
        return _errors(publish_at=_("This story has a publish time or embargo in the future; schedule it instead."))
    return {}


@hides_move
def is_live(ctx: MoveContext) -> dict[str, list[str]]:
    if ctx.is_live:
        return {}
    return _errors(__all__=_("This story is not on the public site."))


def has_readers(ctx: MoveContext) -> dict[str, list[str]]:
    """A public note needs a public story; unlike ``is_live``, the desk says so instead of hiding the move."""
    if ctx.is_live:
        return {}
    return _errors(__all__=_("Corrections are notes on the public story, and this story is not on the public site."))


@hides_move
def not_live(ctx: MoveContext) -> dict[str, list[str]]:
    if not ctx.is_live:
        return {}
    return _errors(__all__=_("This story is on the public site; unpublish it first."))


def coverage_not_open(ctx: MoveContext) -> dict[str, list[str]]:
    if not ctx.coverage_open:
        return {}
    return _errors(__all__=_("Live coverage of this story is already open."))


def coverage_is_open(ctx: MoveContext) -> dict[str, list[str]]:
    if ctx.coverage_open:
        return {}
    return _errors(__all__=_("This story has no open live coverage to close."))


@dataclass(frozen=True)
class Move:
    """One row of the table: from which states an action leads where, for whom."""

    action: Action
    edges: dict[State, State | None]  # source -> target; None keeps the state
    permission: str | None
    guards: tuple[Guard, ...] = ()
    comment: str = "optional"  # "none", "optional" or "required"

    @property
    def sources(self) -> frozenset[State]:
        return frozenset(self.edges)

    def target(self, state: State) -> State:
        target = self.edges[state]
        return state if target is None else target


def _edges(target: State | None, *sources: State) -> dict[State, State | None]:
    return dict.fromkeys(sources, target)


D, R, S, P, U, T = State.DRAFT, State.IN_REVIEW, State.SCHEDULED, State.PUBLISHED, State.UNPUBLISHED, State.TRASHED

MOVES: dict[Action, Move] = {
    move.action: move
    for move in (
        # Saving a live or withdrawn story starts a new draft beside the live
        # text. Saving during review keeps the review open, and the
        # exact-revision guards then refuse to approve the stale submission.
        # Saving over a schedule calls the schedule off: the approval was for
        # the text before the save.
        Move(Action.SAVE, {D: D, P: D, U: D, R: None, S: D}, EDIT),
        Move(Action.RESTORE, {D: D, P: D, U: D, R: None, S: D}, EDIT),
        Move(Action.SUBMIT, _edges(R, D, R), SUBMIT, (revision_is_head, revision_not_in_review, content_publishable)),
        Move(Action.WITHDRAW, _edges(D, R), SUBMIT),
        Move(
            Action.PUBLISH,
            _edges(P, R),
            APPROVE,
            (revision_is_submitted, revision_is_head, four_eyes, content_publishable, go_live_now),
        ),
        Move(
            Action.SCHEDULE,
            _edges(S, R),
            APPROVE,
            (revision_is_submitted, revision_is_head, four_eyes, content_publishable, go_live_in_future),
        ),
        Move(Action.REQUEST_CHANGES, _edges(D, R), APPROVE, (needs_comment,), comment="required"),
        Move(Action.UNSCHEDULE, _edges(D, S), APPROVE),
        Move(Action.GO_LIVE, _edges(P, S), SYSTEM),
        Move(Action.UNPUBLISH, _edges(U, P, D, R, S), UNPUBLISH, (is_live, needs_comment), comment="required"),
        Move(Action.CORRECT, _edges(None, P, D, R, S), CORRECT, (has_readers,)),
        Move(Action.TRASH, _edges(T, D, U), TRASH, (not_live,)),
        Move(Action.UNTRASH, _edges(D, T), TRASH),
        # Live coverage keeps the story's state: its text still goes through
        # review, while the entries posted during coverage go live at once.
        Move(Action.OPEN_COVERAGE, _edges(None, D, R, S, P), APPROVE, (coverage_not_open,)),
        Move(Action.CLOSE_COVERAGE, _edges(None, D, R, S, P, U), APPROVE, (coverage_is_open,)),
    )
}


class MoveRefused(ValidationError):
    """A move the workflow does not allow; its messages say why, per field."""


def check(action: Action | str, ctx: MoveContext) -> State:
    """Return the state ``action`` leads to, or raise ``MoveRefused`` saying why not."""
    try:
        action = Action(action)
    except ValueError:
        raise MoveRefused(_("Unknown action: %(action)s.") % {"action": action}, code="unknown") from None
    move = MOVES[action]
    if move.permission is SYSTEM and not ctx.is_system:
        raise MoveRefused(_("Only the scheduler can do this."), code="forbidden")
    if move.permission is not SYSTEM and not ctx.has_perm(move.permission):
        raise MoveRefused(_("You may not do this: %(action)s.") % {"action": action.label}, code="forbidden")
    if ctx.state not in move.edges:
        raise MoveRefused(
            _("“%(action)s” is not possible for a story in the state “%(state)s”.")
            % {"action": action.label, "state": State(ctx.state).label},
            code="state",
        )
    errors: dict[str, list[str]] = {}
    for guard in move.guards:
        for name, messages in guard(ctx).items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise MoveRefused(errors, code="guard")
    return move.target(State(ctx.state))


# The moves a moderator makes on a submitted revision: the review queue's
# and compare's buttons.
REVIEW_MOVES = (Action.PUBLISH, Action.SCHEDULE, Action.REQUEST_CHANGES)


def may_review(user) -> bool:
    """Whether ``user`` may make any of the review moves (so sees the review queue and its count)."""
    return any(user.has_perm(MOVES[action].permission) for action in REVIEW_MOVES)


def available(ctx: MoveContext, actions: Iterable[Action] | None = None) -> list[Action]:
    """The actions this actor may start from this state (guards aside).

    Buttons are drawn from this list; guards are checked when the move is
    made, so a button can still answer with the reason a move is refused.
    """
    result = []
    for action in actions or MOVES:
        move = MOVES[Action(action)]
        if ctx.state not in move.edges:
            continue
        if move.permission is SYSTEM or not ctx.has_perm(move.permission):
            continue
        result.append(move.action)
    return result


# What the desk offers ---------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """One move as the desk offers it: open now, or blocked for the reasons the user should know."""

    action: Action
    reasons: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return not self.reasons


def offer(action: Action | str, ctx: MoveContext) -> Offer | None:
    """How the desk should offer ``action`` to this actor now, or ``None`` to leave it out.

    Out: the state has no such move, the actor lacks the right, or a guard
    marked ``hides_move`` refuses. Blocked, with every reason: any other
    guard refuses. Guards marked ``judges_input`` are left to the moment the
    move is made, with what the user typed. The answer agrees with ``check``:
    an offer without reasons is a move ``check`` allows once its input is given.
    """
    move = MOVES[Action(action)]
    if ctx.state not in move.edges or move.permission is SYSTEM or not ctx.has_perm(move.permission):
        return None
    reasons: list[str] = []
    for guard in move.guards:
        if getattr(guard, "judges_input", False):
            continue
        errors = guard(ctx)
        if errors and getattr(guard, "hides_move", False):
            return None
        reasons.extend(str(message) for messages in errors.values() for message in messages)
    return Offer(move.action, tuple(reasons))


def go_live_time(revision, publish_at: datetime | None, now: datetime) -> datetime:
    """When an approval of ``revision`` puts it live: the time asked for, else the editor's, never before its embargo."""
    wanted = publish_at or revision.publish_at or now
    if revision.embargo_until and revision.embargo_until > wanted:
        return revision.embargo_until
    return wanted


def state_label(state: State | str, *, live: bool) -> str:
    """The state as the desk names it: a live story with pending edits is not a plain "Draft"."""
    state = State(state)
    if live and state in LIVE_WITH_CHANGES:
        return str(LIVE_WITH_CHANGES[state])
    return str(state.label)


LIVE_WITH_CHANGES = {
    State.DRAFT: _("Live · changes in draft"),
    State.IN_REVIEW: _("Live · changes in review"),
    State.SCHEDULED: _("Live · changes scheduled"),
}
# Moves after which a version of the story is on the site, or no longer is.
PUTS_LIVE = frozenset({Action.PUBLISH, Action.GO_LIVE})
TAKES_OFF = frozenset({Action.UNPUBLISH})
