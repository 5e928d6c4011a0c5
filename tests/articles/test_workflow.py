"""The workflow table, checked against the newsroom's rules written out in full.

Every state × action × role is tried. ``EXPECTED`` is the specification,
typed out independently of the table in ``articles/workflow.py``: a move
listed here must lead to the listed state, every other combination must be
refused with a message.
"""

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from articles import workflow
from articles.workflow import Action, MoveContext, MoveRefused, State

D, R, S, P, U, T = State.DRAFT, State.IN_REVIEW, State.SCHEDULED, State.PUBLISHED, State.UNPUBLISHED, State.TRASHED

EDITOR = {"articles.change_article", "articles.submit_article", "articles.trash_article", "articles.add_article"}
MODERATOR = EDITOR | {"articles.approve_article", "articles.unpublish_article", "articles.add_correction"}
ROLES = {"reader": set(), "editor": EDITOR, "moderator": MODERATOR, "system": None}

_editing = {(D, D), (P, D), (U, D), (R, R), (S, D)}
_by_everyone_on_the_desk = {
    Action.SAVE: _editing,
    Action.RESTORE: _editing,
    Action.SUBMIT: {(D, R), (R, R)},
    Action.WITHDRAW: {(R, D)},
    Action.TRASH: {(D, T), (U, T)},
    Action.UNTRASH: {(T, D)},
}
_by_moderators_only = {
    Action.PUBLISH: {(R, P)},
    Action.SCHEDULE: {(R, S)},
    Action.REQUEST_CHANGES: {(R, D)},
    Action.UNSCHEDULE: {(S, D)},
    Action.UNPUBLISH: {(P, U), (D, U), (R, U), (S, U)},
    Action.CORRECT: {(P, P), (D, D), (R, R), (S, S)},
    # Live coverage (the app ``live``) keeps the story's state.
    Action.OPEN_COVERAGE: {(D, D), (R, R), (S, S), (P, P)},
    Action.CLOSE_COVERAGE: {(D, D), (R, R), (S, S), (P, P), (U, U)},
}
EXPECTED = {}
for action, edges in _by_everyone_on_the_desk.items():
    for source, target in edges:
        EXPECTED[(source, action, "editor")] = target
        EXPECTED[(source, action, "moderator")] = target
for action, edges in _by_moderators_only.items():
    for source, target in edges:
        EXPECTED[(source, action, "moderator")] = target
EXPECTED[(S, Action.GO_LIVE, "system")] = P

NOW = datetime(2026, 11, 29, 12, 0)


def context(state, action, role):
    """A story for which every guard holds, so only state and role decide."""
    revision = SimpleNamespace(
        pk=7,
        number=3,
        created_by_id=100,
        headline_ar="عنوان",
        headline_en="",
        section_id=1,
        lead_image=None,
        body_text=lambda language: "نص",
    )
    perms = ROLES[role]
    return MoveContext(
        state=state,
        is_live=action in (Action.UNPUBLISH, Action.CORRECT) or state == P,
        has_perm=(lambda perm: perm in perms) if perms is not None else (lambda perm: False),
        is_system=perms is None,
        actor_id=1,
        revision=revision,
        head_revision_id=7,
        # Submitting during review is of a newer revision than the one in review.
        review_revision_id=6 if action == Action.SUBMIT else 7,
        comment="سبب",
        now=NOW,
        go_live_at=NOW + timedelta(hours=1) if action == Action.SCHEDULE else NOW,
        coverage_open=action == Action.CLOSE_COVERAGE,
    )


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("state", list(State))
def test_every_state_action_and_role(state, action, role):
    ctx = context(state, action, role)
    expected = EXPECTED.get((state, action, role))
    if expected is not None:
        assert workflow.check(action, ctx) == expected
    else:
        with pytest.raises(MoveRefused) as refused:
            workflow.check(action, ctx)
        assert refused.value.messages and all(message.strip() for message in refused.value.messages)


def test_buttons_offer_exactly_the_allowed_moves():
    for (state, action, role), _target in EXPECTED.items():
        if role != "system":
            assert action in workflow.available(context(state, action, role))
    assert workflow.available(context(P, Action.SAVE, "reader")) == []
    assert Action.PUBLISH not in workflow.available(context(R, Action.PUBLISH, "editor"))


def test_refusals_say_why():
    with pytest.raises(MoveRefused, match="You may not do this: Approve and publish"):
        workflow.check(Action.PUBLISH, context(R, Action.PUBLISH, "editor"))
    with pytest.raises(MoveRefused, match="“Submit for review” is not possible for a story in the state “Published”"):
        workflow.check(Action.SUBMIT, context(P, Action.SUBMIT, "editor"))
    with pytest.raises(MoveRefused, match="Only the scheduler"):
        workflow.check(Action.GO_LIVE, context(S, Action.GO_LIVE, "moderator"))


def test_an_unknown_action_is_always_refused():
    for role in ROLES:
        with pytest.raises(MoveRefused, match="Unknown action: delete_everything"):
            workflow.check("delete_everything", context(D, Action.SAVE, role))


def _guarded(**changes):
    base = context(R, Action.PUBLISH, "moderator")
    revision_changes = changes.pop("revision", {})
    revision = SimpleNamespace(**{**vars(base.revision), **revision_changes})
    return MoveContext(**{**base.__dict__, "revision": revision, **changes})


def test_approval_of_a_revision_that_is_no_longer_current_is_refused():
    with pytest.raises(MoveRefused) as refused:
        workflow.check(Action.PUBLISH, _guarded(head_revision_id=8))
    assert "Revision 3 is not the current version" in refused.value.message_dict["revision"][0]


def test_only_the_submitted_revision_can_be_approved():
    with pytest.raises(MoveRefused) as refused:
        workflow.check(Action.PUBLISH, _guarded(review_revision_id=6))
    assert "not the one submitted" in refused.value.message_dict["revision"][0]


def test_four_eyes_refuses_the_author_and_can_be_lifted():
    mine = _guarded(actor_id=100)
    with pytest.raises(MoveRefused, match="four-eyes"):
        workflow.check(Action.PUBLISH, mine)
    assert workflow.check(Action.PUBLISH, MoveContext(**{**mine.__dict__, "four_eyes": False})) == P


@pytest.mark.parametrize(
    ("revision", "field", "message"),
    [
        ({"headline_ar": ""}, "headline_ar", "The Arabic headline is missing"),
        ({"headline_ar": "ع" * 111}, "headline_ar", "111 characters long; the limit is 110"),
        ({"headline_en": "w" * 111}, "headline_en", "The English headline is 111 characters"),
        ({"body_text": lambda language: ""}, "body_ar", "The Arabic body is empty"),
        ({"section_id": None}, "section", "Choose a section"),
        ({"lead_image": SimpleNamespace(alt_ar="")}, "lead_image", "needs Arabic alt text"),
    ],
)
def test_publishing_guards_name_the_field(revision, field, message):
    with pytest.raises(MoveRefused) as refused:
        workflow.check(Action.PUBLISH, _guarded(revision=revision))
    assert message in " ".join(refused.value.message_dict[field])


def test_all_failed_guards_are_reported_at_once():
    with pytest.raises(MoveRefused) as refused:
        workflow.check(Action.SUBMIT, _guarded(revision={"headline_ar": "", "section_id": None}))
    assert {"headline_ar", "section"} <= set(refused.value.message_dict)


def test_returning_a_story_needs_a_comment():
    with pytest.raises(MoveRefused) as refused:
        workflow.check(Action.REQUEST_CHANGES, _guarded(comment="  "))
    assert "comment" in refused.value.message_dict


def test_scheduling_needs_a_time_in_the_future_and_publishing_one_in_the_past():
    with pytest.raises(MoveRefused, match="in the future"):
        workflow.check(Action.SCHEDULE, _guarded(go_live_at=NOW))
    with pytest.raises(MoveRefused, match="schedule it instead"):
        workflow.check(Action.PUBLISH, _guarded(go_live_at=NOW + timedelta(minutes=5)))


def test_live_stories_cannot_be_trashed_and_dead_ones_cannot_be_corrected():
    live_draft = MoveContext(**{**context(D, Action.TRASH, "editor").__dict__, "is_live": True})
    with pytest.raises(MoveRefused, match="unpublish it first"):
        workflow.check(Action.TRASH, live_draft)
    dead = MoveContext(**{**context(D, Action.CORRECT, "moderator").__dict__, "is_live": False})
    with pytest.raises(MoveRefused, match="not on the public site"):
        workflow.check(Action.CORRECT, dead)


@pytest.mark.django_db
def test_who_may_review_is_asked_of_the_table_of_moves():
    from articles.workflow import REVIEW_MOVES, may_review
    from tests.factories import EditorFactory, ModeratorFactory

    assert may_review(ModeratorFactory()) and not may_review(EditorFactory())
    assert {workflow.MOVES[action].permission for action in REVIEW_MOVES} == {workflow.APPROVE}


# --- What the desk offers (workflow.offer) ------------------------------------------


def test_offer_leaves_out_moves_of_other_states_and_of_other_roles():
    assert workflow.offer(Action.SUBMIT, context(P, Action.SUBMIT, "editor")) is None
    assert workflow.offer(Action.PUBLISH, context(R, Action.PUBLISH, "editor")) is None
    assert workflow.offer(Action.GO_LIVE, context(S, Action.GO_LIVE, "system")) is None


def test_offer_leaves_input_to_the_moment_the_move_is_made():
    ctx = context(R, Action.REQUEST_CHANGES, "moderator")
    blank = MoveContext(**{**ctx.__dict__, "comment": ""})
    assert workflow.offer(Action.REQUEST_CHANGES, blank).allowed
    with pytest.raises(MoveRefused):
        workflow.check(Action.REQUEST_CHANGES, blank)


def test_offer_blocks_with_every_reason_the_user_should_know():
    ctx = context(R, Action.PUBLISH, "moderator")
    own_and_empty = SimpleNamespace(**{**ctx.revision.__dict__, "created_by_id": 1, "body_text": lambda code: ""})
    offered = workflow.offer(Action.PUBLISH, MoveContext(**{**ctx.__dict__, "revision": own_and_empty}))
    assert not offered.allowed
    assert any("four-eyes" in reason for reason in offered.reasons)
    assert "The Arabic body is empty." in offered.reasons


def test_offer_hides_what_makes_no_sense_now():
    submitted_already = context(R, Action.SUBMIT, "editor")
    assert workflow.offer(Action.SUBMIT, MoveContext(**{**submitted_already.__dict__, "review_revision_id": 7})) is None
    never_live = MoveContext(**{**context(D, Action.UNPUBLISH, "moderator").__dict__, "is_live": False})
    assert workflow.offer(Action.UNPUBLISH, never_live) is None
    live_draft = MoveContext(**{**context(D, Action.TRASH, "editor").__dict__, "is_live": True})
    assert workflow.offer(Action.TRASH, live_draft) is None


def test_a_correction_on_a_story_never_published_is_blocked_with_the_reason():
    never_live = MoveContext(**{**context(D, Action.CORRECT, "moderator").__dict__, "is_live": False})
    offered = workflow.offer(Action.CORRECT, never_live)
    assert not offered.allowed and "not on the public site" in offered.reasons[0]


def test_every_open_offer_is_a_move_check_allows():
    for (state, action, role), target in EXPECTED.items():
        if role == "system":
            continue
        offered = workflow.offer(action, context(state, action, role))
        assert offered is not None and offered.allowed, (state, action, role)
        assert workflow.check(action, context(state, action, role)) == target


def test_state_labels_say_a_live_story_with_pending_edits_is_live():
    assert workflow.state_label(D, live=True) == "Live · changes in draft"
    assert workflow.state_label(R, live=True) == "Live · changes in review"
    assert workflow.state_label(D, live=False) == "Draft"
    assert workflow.state_label(P, live=True) == "Published"


def test_live_coverage_opens_only_when_closed_and_closes_only_when_open():
    from dataclasses import replace

    opened = replace(context(P, Action.OPEN_COVERAGE, "moderator"), coverage_open=True)
    with pytest.raises(MoveRefused, match="already open"):
        workflow.check(Action.OPEN_COVERAGE, opened)
    closed = replace(context(P, Action.CLOSE_COVERAGE, "moderator"), coverage_open=False)
    with pytest.raises(MoveRefused, match="no open live coverage"):
        workflow.check(Action.CLOSE_COVERAGE, closed)
