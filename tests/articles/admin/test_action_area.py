"""The story's action area, walked through the real pages for every situation × role.

``OFFERED`` is the specification, typed out from the newsroom's rules
(PRODUCT.md) independently of the workflow table: for each situation of a
story and each person, the moves the page must offer open, and the moves it
must draw disabled with (a phrase of) their reason. Every other move must be
absent. Each open move is then made through its own form, as drawn, and must
succeed; every move not offered open is posted anyway and must be refused.
"""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from articles import services
from articles.models import Transition
from articles.workflow import REVIEW_MOVES, State
from tests.factories import draft, edit, published, scheduled, submitted

from .helpers import action_area, messages_of, url

pytestmark = pytest.mark.django_db

FOUR_EYES = "another moderator has to approve it"
NEWER = "has to be submitted for review before it can be approved"
NOT_LIVE = "this story is not on the public site"
EMBARGO = "schedule it instead"
NO_BODY = "The Arabic body is empty."

# Every move the admin's forms make (saving and restoring have screens of their own).
FORM_MOVES = {
    "submit",
    "withdraw",
    "publish",
    "schedule",
    "request_changes",
    "unschedule",
    "unpublish",
    "correct",
    "trash",
    "untrash",
}


def _live_draft(editor, moderator):
    article = published(editor, moderator)
    edit(article, editor, headline_ar="عنوان معدل بعد النشر")
    return article


def _live_review(editor, moderator):
    article = _live_draft(editor, moderator)
    article.refresh_from_db()
    return services.article_submit(article=article, revision=article.latest_revision, user=editor)


def _stale_review(editor, moderator):
    article = submitted(editor)
    edit(article, editor, headline_ar="حفظ بعد التقديم")
    return article


def _embargoed_review(editor, moderator):
    return submitted(editor, embargo_until=timezone.now() + timedelta(days=2))


def _unpublished(editor, moderator):
    article = published(editor, moderator)
    return services.article_unpublish(article=article, user=moderator, reason="سبب قانوني")


def _trashed(editor, moderator):
    return services.article_trash(article=draft(editor), user=editor)


# situation -> (how it is made, the page that shows its moves)
SITUATIONS = {
    "new draft": (lambda editor, moderator: draft(editor), "change"),
    "draft without Arabic body": (lambda editor, moderator: draft(editor, body_ar=""), "change"),
    "in review": (lambda editor, moderator: submitted(editor), "change"),
    "in review, read in the review view": (lambda editor, moderator: submitted(editor), "review"),
    "the moderator's own story in review": (lambda editor, moderator: submitted(moderator), "change"),
    "the moderator's own story, review view": (lambda editor, moderator: submitted(moderator), "review"),
    "in review, saved again since": (_stale_review, "change"),
    "in review, under embargo": (_embargoed_review, "change"),
    "scheduled": (lambda editor, moderator: scheduled(editor, moderator), "change"),
    "published": (lambda editor, moderator: published(editor, moderator), "change"),
    "live, changes in draft": (_live_draft, "change"),
    "live, changes in review": (_live_review, "change"),
    "live, changes in review, review view": (_live_review, "review"),
    "unpublished": (_unpublished, "change"),
    "in the trash": (_trashed, "history"),
}

# (situation, role) -> (open moves, {blocked move: phrase of its reason})
OFFERED = {
    ("new draft", "editor"): ({"submit", "trash"}, {}),
    ("new draft", "moderator"): ({"submit", "trash"}, {"correct": NOT_LIVE}),
    ("draft without Arabic body", "editor"): ({"trash"}, {"submit": NO_BODY}),
    ("draft without Arabic body", "moderator"): ({"trash"}, {"submit": NO_BODY, "correct": NOT_LIVE}),
    ("in review", "editor"): ({"withdraw"}, {}),
    ("in review", "moderator"): ({"withdraw", "publish", "schedule", "request_changes"}, {"correct": NOT_LIVE}),
    ("in review, read in the review view", "editor"): (set(), {}),
    ("in review, read in the review view", "moderator"): ({"publish", "schedule", "request_changes"}, {}),
    ("the moderator's own story in review", "moderator"): (
        {"withdraw", "request_changes"},
        {"publish": FOUR_EYES, "schedule": FOUR_EYES, "correct": NOT_LIVE},
    ),
    ("the moderator's own story, review view", "moderator"): (
        {"request_changes"},
        {"publish": FOUR_EYES, "schedule": FOUR_EYES},
    ),
    ("in review, saved again since", "editor"): ({"submit", "withdraw"}, {}),
    ("in review, saved again since", "moderator"): (
        {"submit", "withdraw", "request_changes"},
        {"publish": NEWER, "schedule": NEWER, "correct": NOT_LIVE},
    ),
    ("in review, under embargo", "moderator"): (
        {"withdraw", "schedule", "request_changes"},
        {"publish": EMBARGO, "correct": NOT_LIVE},
    ),
    ("scheduled", "editor"): (set(), {}),
    ("scheduled", "moderator"): ({"unschedule"}, {"correct": NOT_LIVE}),
    ("published", "editor"): (set(), {}),
    ("published", "moderator"): ({"unpublish", "correct"}, {}),
    ("live, changes in draft", "editor"): ({"submit"}, {}),
    ("live, changes in draft", "moderator"): ({"submit", "unpublish", "correct"}, {}),
    ("live, changes in review", "editor"): ({"withdraw"}, {}),
    ("live, changes in review", "moderator"): (
        {"withdraw", "publish", "schedule", "request_changes", "unpublish", "correct"},
        {},
    ),
    ("live, changes in review, review view", "moderator"): ({"publish", "schedule", "request_changes"}, {}),
    ("unpublished", "editor"): ({"trash"}, {}),
    ("unpublished", "moderator"): ({"trash"}, {}),
    ("in the trash", "editor"): ({"untrash"}, {}),
    ("in the trash", "moderator"): ({"untrash"}, {}),
}

# What a person types into the one input a move asks for.
TYPED = {
    "comment": "المصدر غير واضح في الفقرة الثانية",
    "publish_at": "2099-01-02T09:30",
    "kind": "correction",
    "text_ar": "صححنا عدد الجنود",
    "text_en": "",
}


def _page(client, article, page):
    return client.get(url(page, article), follow=True)


def _typed(move, name: str) -> str:
    return TYPED[name.split("-", 1)[1]]


def _post_data(move) -> dict:
    return {**move.hidden, **{name: _typed(move, name) for name in move.inputs}}


def _post(client, address: str, data: dict) -> list[tuple[str, str]]:
    """POST a move; return what this request said, as (level, text)."""
    client.cookies.pop("messages", None)  # only this request's messages
    response = client.post(address, data)
    assert response.status_code == 302
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def _any_input(article, action: str) -> dict:
    """Valid input for ``action`` as its form names it, for moves the page did not offer."""
    data = {f"{action}-{name}": value for name, value in TYPED.items()}
    data[f"{action}-revision"] = article.review_revision_id or article.latest_revision_id
    return data


@pytest.mark.parametrize(("situation", "role"), list(OFFERED), ids=[f"{s} / {r}" for s, r in OFFERED])
def test_the_page_offers_exactly_the_moves_that_will_work(as_user, editor, moderator, situation, role):
    make, page = SITUATIONS[situation]
    person = {"editor": editor, "moderator": moderator}[role]
    client = as_user(person)
    article = make(editor, moderator)
    offered = action_area(_page(client, article, page))

    want_open, want_blocked = OFFERED[(situation, role)]
    assert {action for action, move in offered.items() if move.enabled} == want_open
    assert {action for action, move in offered.items() if not move.enabled} == set(want_blocked)
    for action, phrase in want_blocked.items():
        assert any(phrase.lower() in reason.lower() for reason in offered[action].reasons), offered[action].reasons
    for move in offered.values():
        assert move.enabled == (not move.reasons)

    # Every move not offered open is refused when posted anyway, and changes nothing.
    for action in FORM_MOVES - want_open:
        if page == "review" and action not in REVIEW_MOVES:
            continue
        before = Transition.objects.filter(article=article).count()
        said = _post(client, url("move", article, action=action), _any_input(article, action))
        assert Transition.objects.filter(article=article).count() == before, action
        assert "error" in [level for level, _text in said], (action, said)

    # Every open move, made through its form as drawn, succeeds (each on a fresh story).
    for action in sorted(want_open):
        fresh = make(editor, moderator)
        move = action_area(_page(client, fresh, page))[action]
        before = Transition.objects.filter(article=fresh, action=action).count()
        said = _post(client, move.url, _post_data(move))
        assert Transition.objects.filter(article=fresh, action=action).count() == before + 1, (action, said)
        assert [level for level, _text in said] == ["success"], (action, said)


def test_moves_ask_only_for_the_one_input_they_need(as_user, editor, moderator):
    article = _live_review(editor, moderator)
    offered = action_area(as_user(moderator).get(url("change", article)))
    assert offered["publish"].inputs == [] and offered["withdraw"].inputs == []
    assert offered["schedule"].inputs == ["schedule-publish_at"]
    assert offered["request_changes"].inputs == ["request_changes-comment"]
    assert offered["unpublish"].inputs == ["unpublish-comment"]
    assert offered["correct"].inputs == ["correct-kind", "correct-text_ar", "correct-text_en"]
    page = as_user(moderator).get(url("change", article)).content.decode()
    assert page.count('name="publish-comment"') == 0 and "Reason (required)" in page


def test_after_a_submit_submit_is_no_longer_offered(as_user, editor):
    article = draft(editor)
    client = as_user(editor)
    submit = action_area(client.get(url("change", article)))["submit"]
    response = client.post(submit.url, _post_data(submit), follow=True)
    assert "Revision 1 is with the moderators for review." in messages_of(response)
    assert "submit" not in action_area(client.get(url("change", article)))


def test_after_a_stale_approval_the_old_revision_is_no_longer_offered_for_approval(as_user, editor, moderator):
    article = submitted(editor)
    client = as_user(moderator)
    publish = action_area(client.get(url("review", article)))["publish"]
    edit(article, editor, headline_ar="حفظ أثناء المراجعة")
    response = client.post(publish.url, _post_data(publish), follow=True)
    article.refresh_from_db()
    assert article.status == State.IN_REVIEW and article.live_revision is None
    assert any(NEWER in message for message in messages_of(response))
    offered = action_area(client.get(url("change", article)))
    assert not offered["publish"].enabled and NEWER in offered["publish"].reasons[0]
    assert offered["submit"].enabled  # the newer revision can be sent for review
