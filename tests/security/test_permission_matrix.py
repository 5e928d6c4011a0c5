"""Who may do what: every role against every action, through the real URLs.

The table below is written out by hand from the product's rules
(PRODUCT.md), not derived from the code: a change to the workflow table or
the roles that changes who may do something fails here until the table is
changed too. Each cell makes one request with Django's test client and
checks both the HTTP answer and the database: a refused request changes
nothing, an allowed one makes exactly its change.
"""

from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.utils import timezone

from api.models import ApiKey
from articles import services
from articles.models import Article, Correction, Revision, Transition
from articles.workflow import State
from comments.models import Comment, Thread
from live.models import Banner, Coverage, Entry
from planning.models import BudgetLine
from presence.models import TakeOver
from presence.selectors import editing_now
from tests.articles.admin.helpers import move_post, story_post
from tests.factories import (
    EditorFactory,
    ModeratorFactory,
    SectionFactory,
    UserFactory,
    draft,
    edit,
    published,
    submitted,
    trashed,
)
from webhooks.models import Delivery

pytestmark = pytest.mark.django_db

# Outcomes.
ALLOW = "allowed"  # done: the database shows the change
LOGIN = "sent to sign in"  # 302 to the admin's sign-in page; nothing changes
DENY = "forbidden"  # 403; nothing changes
REFUSE = "refused"  # 302 back to the story with an error message; nothing changes
GONE = "not found"  # 404; nothing changes
SAYS_NO = "form says no"  # 200, the form shows why; nothing changes
BACK = "refused, back to the budget"  # 302 to the budget with an error message; nothing changes
DESK = "refused, back to the coverage desk"  # 302 to the coverage desk with an error message; nothing changes

ROLES = ["anonymous", "reader", "editor", "moderator", "inactive", "superuser"]
ACTIONS = [
    "view draft",
    "preview",
    "save",
    "submit",
    "approve",
    "request changes",
    "schedule",
    "unpublish",
    "restore",
    "correct",
    "trash",
    "untrash",
    "delete",
    "add user",
    "change user",
    "frobnicate",
    "public draft",
    "view budget",
    "plan own desk",
    "plan other desk",
    "take assignment",
    "take off desk",
    "assign others",
    "reorder other desk",
    "print budget",
    "calendar feed, no token",
    "view api keys",
    "add api key",
    "revoke api key",
    "replay webhook",
    "read comments",
    "comment",
    "edit another's comment",
    "delete another's comment",
    "resolve another's thread",
    "open live coverage",
    "close live coverage",
    "post live entry",
    "raise banner",
    "presence heartbeat",
    "take over",
]

#                    anonymous reader editor  moderator inactive superuser
EXPECTED = {
    "view draft":      (LOGIN, LOGIN, ALLOW,  ALLOW, LOGIN, ALLOW),
    "preview":         (LOGIN, LOGIN, ALLOW,  ALLOW, LOGIN, ALLOW),
    "save":            (LOGIN, LOGIN, ALLOW,  ALLOW, LOGIN, ALLOW),
    "submit":          (LOGIN, LOGIN, ALLOW,  ALLOW, LOGIN, ALLOW),
    "approve":         (LOGIN, LOGIN, REFUSE, ALLOW, LOGIN, ALLOW),
    "request changes": (LOGIN, LOGIN, REFUSE, ALLOW, LOGIN, ALLOW),
    "schedule":        (LOGIN, LOGIN, REFUSE, ALLOW, LOGIN, ALLOW),
    "unpublish":       (LOGIN, LOGIN, REFUSE, ALLOW, LOGIN, ALLOW),
    "restore":         (LOGIN, LOGIN, ALLOW,  ALLOW, LOGIN, ALLOW),
    "correct":         (LOGIN, LOGIN, REFUSE, ALLOW, LOGIN, ALLOW),
    "trash":           (LOGIN, LOGIN, ALLOW,  ALLOW, LOGIN, ALLOW),
    "untrash":         (LOGIN, LOGIN, ALLOW,  ALLOW, LOGIN, ALLOW),
    # Stories are never deleted, by anyone: they go to the trash.
    "delete":          (LOGIN, LOGIN, DENY,   DENY,  LOGIN, DENY),
    "add user":        (LOGIN, LOGIN, DENY,   DENY,  LOGIN, ALLOW),
    "change user":     (LOGIN, LOGIN, DENY,   DENY,  LOGIN, ALLOW),
    # An action the workflow does not know is refused to everyone.
    "frobnicate":      (LOGIN, LOGIN, GONE,   GONE,  LOGIN, GONE),
    # A draft's public address does not exist, whoever asks.
    "public draft":    (GONE,  GONE,  GONE,   GONE,  GONE,  GONE),
    # Planning: the editor is on the politics desk only; moderators plan every section.
    "view budget":        (LOGIN, LOGIN, ALLOW,   ALLOW, LOGIN, ALLOW),
    "plan own desk":      (LOGIN, LOGIN, ALLOW,   ALLOW, LOGIN, ALLOW),
    "plan other desk":    (LOGIN, LOGIN, SAYS_NO, ALLOW, LOGIN, ALLOW),
    "take assignment":    (LOGIN, LOGIN, ALLOW,   ALLOW, LOGIN, ALLOW),
    "take off desk":      (LOGIN, LOGIN, BACK,    ALLOW, LOGIN, ALLOW),
    "assign others":      (LOGIN, LOGIN, ALLOW,   ALLOW, LOGIN, ALLOW),
    "reorder other desk": (LOGIN, LOGIN, DENY,    ALLOW, LOGIN, ALLOW),
    "print budget":       (LOGIN, LOGIN, ALLOW,   ALLOW, LOGIN, ALLOW),
    # A calendar feed without its person's token does not exist, whoever asks.
    "calendar feed, no token": (GONE, GONE, GONE, GONE,  GONE,  GONE),
    # API keys and webhooks open the newsroom to partners: superusers only.
    "view api keys":   (LOGIN, LOGIN, DENY,   DENY,  LOGIN, ALLOW),
    "add api key":     (LOGIN, LOGIN, DENY,   DENY,  LOGIN, ALLOW),
    "revoke api key":  (LOGIN, LOGIN, DENY,   DENY,  LOGIN, ALLOW),
    "replay webhook":  (LOGIN, LOGIN, DENY,   DENY,  LOGIN, ALLOW),
    # Comments are the desk's: people edit and delete their own only; the
    # thread's starter or a moderator resolves it.
    "read comments":            (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
    "comment":                  (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
    "edit another's comment":   (LOGIN, LOGIN, DENY,  DENY,  LOGIN, DENY),
    "delete another's comment": (LOGIN, LOGIN, DENY,  DENY,  LOGIN, DENY),
    "resolve another's thread": (LOGIN, LOGIN, DENY,  ALLOW, LOGIN, ALLOW),
    # Live coverage: opening and closing are moderators' moves; entries come
    # from the coverage's named staff (not the editor here) and moderators.
    "open live coverage":  (LOGIN, LOGIN, DENY, ALLOW, LOGIN, ALLOW),
    "close live coverage": (LOGIN, LOGIN, DESK, ALLOW, LOGIN, ALLOW),
    "post live entry":     (LOGIN, LOGIN, DENY, ALLOW, LOGIN, ALLOW),
    "raise banner":        (LOGIN, LOGIN, DENY, ALLOW, LOGIN, ALLOW),
    # Who else has a story open: those who may see it in the desk; taking over: those who may edit it.
    "presence heartbeat": (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
    "take over":          (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
}  # fmt: skip

CELLS = [(role, action) for action in ACTIONS for role in ROLES]


def test_the_table_covers_every_role_and_action():
    assert set(EXPECTED) == set(ACTIONS)
    assert all(len(row) == len(ROLES) for row in EXPECTED.values())
    assert len(CELLS) == 6 * 41


def person(role):
    return {
        "anonymous": lambda: None,
        "reader": lambda: UserFactory(username="reader", is_staff=False),
        "editor": lambda: EditorFactory(username="editor"),
        "moderator": lambda: ModeratorFactory(username="moderator"),
        "inactive": lambda: ModeratorFactory(username="departed", is_active=False),
        "superuser": lambda: UserFactory(username="chief", is_superuser=True),
    }[role]()


def story_url(article, tail=""):
    return f"/admin/articles/article/{article.pk}/{tail}"


# What each action needs, the request it makes, and what it changes when allowed.
# ``setup(writer)`` returns the story (or user) the action is about; the
# writer is an editor other than the actor, so the four-eyes rule never
# stands in the way.


def _move(action, **data):
    def request(client, article):
        return client.post(story_url(article, f"move/{action}/"), data)

    return request


def _revision_move(action, **extra):
    def request(client, article):
        revision = article.review_revision or article.latest_revision
        return client.post(
            story_url(article, f"move/{action}/"), move_post(action, article, revision=revision, **extra)
        )

    return request


def _status(state):
    return lambda article, before: Article.objects.get(pk=article.pk).status == state


def _save(client, article):
    revision = article.latest_revision
    return client.post(story_url(article, "change/"), story_post(revision, base=revision, headline_ar="عنوان جديد"))


def _restore(client, article):
    return client.post(story_url(article, "revision/1/restore/"), {"note": "back"})


def _add_user(client, article):
    return client.post(
        "/admin/auth/user/add/",
        {
            "username": "newcomer",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
            "usable_password": "true",
        },
    )


def _change_user(client, target):
    return client.post(
        f"/admin/auth/user/{target.pk}/change/",
        {
            "username": target.username,
            "email": target.email,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )


def _api_key(writer):
    from api.keys import api_key_create

    return api_key_create(name="Partner", user=writer).api_key


def _revoke_key(client, api_key):
    return client.post("/admin/api/apikey/", {"action": "revoke", "_selected_action": [api_key.pk]})


def _failed_delivery(writer):
    from webhooks.models import Delivery, Event, Subscription

    subscription = Subscription.objects.create(partner="Wire", url="http://127.0.0.1:9/", events=["story.published"])
    event = Event.objects.create(id="msg_matrix", type="story.published", article_id=1, payload={})
    return Delivery.objects.create(event=event, subscription=subscription, state=Delivery.State.FAILED)


def _replay(client, delivery):
    return client.post("/admin/webhooks/delivery/", {"action": "replay", "_selected_action": [delivery.pk]})


def _two_revisions(writer):
    article = draft(writer)
    edit(article, writer, headline_ar="العنوان الثاني")
    article.refresh_from_db()
    return article


SCENARIOS = {
    "view draft": (draft, lambda client, a: client.get(story_url(a, "change/")), None),
    "preview": (draft, lambda client, a: client.get(story_url(a, "revision/1/preview/")), None),
    "save": (draft, _save, lambda a, before: a.revisions.count() == before["revisions"] + 1),
    "submit": (draft, _revision_move("submit"), _status(State.IN_REVIEW)),
    "approve": (submitted, _revision_move("publish"), _status(State.PUBLISHED)),
    "request changes": (
        submitted,
        _move("request_changes", **{"request_changes-comment": "more"}),
        _status(State.DRAFT),
    ),
    "schedule": (
        submitted,
        _revision_move("schedule", publish_at=(timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")),
        _status(State.SCHEDULED),
    ),
    "unpublish": (published, _move("unpublish", **{"unpublish-comment": "legal"}), _status(State.UNPUBLISHED)),
    "restore": (
        _two_revisions,
        _restore,
        lambda a, before: Revision.objects.filter(article=a, restored_from__number=1).exists(),
    ),
    "correct": (
        published,
        _move("correct", **{"correct-kind": "correction", "correct-text_ar": "تصحيح"}),
        lambda a, before: Correction.objects.filter(article=a).count() == 1,
    ),
    "trash": (draft, _move("trash"), _status(State.TRASHED)),
    "untrash": (trashed, _move("untrash"), _status(State.DRAFT)),
    "delete": (draft, lambda client, a: client.post(story_url(a, "delete/"), {"post": "yes"}), None),
    "add user": (draft, _add_user, lambda a, before: get_user_model().objects.filter(username="newcomer").exists()),
    "change user": (
        lambda writer: writer,
        _change_user,
        lambda target, before: get_user_model().objects.get(pk=target.pk).is_superuser,
    ),
    "frobnicate": (draft, _move("frobnicate"), None),
    "public draft": (draft, lambda client, a: client.get(f"/ar/news/{a.pk}/{a.slug}/"), None),
    "view api keys": (_api_key, lambda client, key: client.get("/admin/api/apikey/"), None),
    "add api key": (
        draft,
        lambda client, a: client.post(
            "/admin/api/apikey/add/", {"name": "Gulf Wire", "scope": "live", "requests_per_minute": "600"}
        ),
        lambda a, before: len(before["api keys"]) + 1 == len(snapshot()["api keys"]),
    ),
    "revoke api key": (_api_key, _revoke_key, lambda key, before: snapshot()["api keys"] == [(key.pk, True)]),
    "replay webhook": (_failed_delivery, _replay, lambda d, before: snapshot()["deliveries"] == [(d.pk, "pending")]),
}


BUDGET = "/admin/planning/budgetline/"


def _budget(writer):
    """Politics and economy lines for tomorrow; the actor-to-be "editor" is on the politics desk."""
    from planning.models import DeskMember
    from planning.services import budget_line_create

    chief = ModeratorFactory(username="planner")
    politics = SectionFactory(slug="politics", name_ar="سياسة", name_en="Politics")
    economy = SectionFactory(slug="economy", name_ar="اقتصاد", name_en="Economy")
    DeskMember.objects.create(section=politics, user=EditorFactory(username="editor"))
    DeskMember.objects.create(section=politics, user=writer)
    day = timezone.localdate() + timedelta(days=1)
    return {
        "politics": politics,
        "economy": economy,
        "day": day,
        "writer": writer,
        "own": budget_line_create(user=chief, section=politics, day=day, title_ar="خط سياسة"),
        "other": budget_line_create(user=chief, section=economy, day=day, title_ar="خط اقتصاد"),
    }


def _add_line(section_key):
    def request(client, budget):
        return client.post(
            f"{BUDGET}add/",
            {
                "title_ar": "خطة جديدة",
                "section": budget[section_key].pk,
                "day": budget["day"].isoformat(),
                "kind": "story",
                "priority": 2,
            },
        )

    return request


def _line_added(budget, before):
    from planning.models import BudgetLine

    return BudgetLine.objects.filter(title_ar="خطة جديدة").exists()


def _take(line_key):
    return lambda client, budget: client.post(f"{BUDGET}arrange/", {"take": budget[line_key].pk, "next": BUDGET})


def _assigned(line_key, who=None):
    def changed(budget, before):
        from planning.models import BudgetLine

        line = BudgetLine.objects.get(pk=budget[line_key].pk)
        return line.assignee_id is not None and (who is None or line.assignee_id == budget[who].pk)

    return changed


def _reorder_other(client, budget):
    import json

    payload = {"section": budget["economy"].pk, "day": budget["day"].isoformat(), "order": [budget["other"].pk]}
    return client.post(f"{BUDGET}reorder/", json.dumps(payload), content_type="application/json")


PLANNING_SCENARIOS = {
    "view budget": (_budget, lambda client, b: client.get(BUDGET), None),
    "plan own desk": (_budget, _add_line("politics"), _line_added),
    "plan other desk": (_budget, _add_line("economy"), _line_added),
    "take assignment": (_budget, _take("own"), _assigned("own")),
    "take off desk": (_budget, _take("other"), _assigned("other")),
    "assign others": (
        _budget,
        lambda client, b: client.post(
            f"{BUDGET}arrange/", {"line": b["own"].pk, "assignee": b["writer"].pk, "assign": "1", "next": BUDGET}
        ),
        _assigned("own", "writer"),
    ),
    "reorder other desk": (_budget, _reorder_other, lambda b, before: True),
    "print budget": (_budget, lambda client, b: client.get(f"{BUDGET}print/"), None),
    "calendar feed, no token": (_budget, lambda client, b: client.get("/planning/calendar/guessed/mine.ics"), None),
}
SCENARIOS.update(PLANNING_SCENARIOS)


def _writers_comment(writer):
    from comments.services import comment_create

    return comment_create(article=draft(writer), user=writer, body="تعليق الكاتب")


def _comment_url(name, comment):
    from django.urls import reverse

    return reverse(f"admin:comments_{name}", args=[comment.thread_id if "thread" in name else comment.pk])


COMMENT_SCENARIOS = {
    "read comments": (draft, lambda client, a: client.get(f"/admin/comments/thread/story/{a.pk}/"), None),
    "comment": (
        draft,
        lambda client, a: client.post(f"/admin/comments/thread/story/{a.pk}/new/", {"body": "ملاحظة"}),
        lambda a, before: len(snapshot()["comments"]) == len(before["comments"]) + 1,
    ),
    "edit another's comment": (
        _writers_comment,
        lambda client, c: client.post(_comment_url("comment_edit", c), {"body": "تغيير"}),
        None,
    ),
    "delete another's comment": (
        _writers_comment,
        lambda client, c: client.post(_comment_url("comment_delete", c)),
        None,
    ),
    "resolve another's thread": (
        _writers_comment,
        lambda client, c: client.post(_comment_url("thread_resolve", c)),
        lambda c, before: snapshot()["threads"] == [(c.thread_id, True)],
    ),
}
SCENARIOS.update(COMMENT_SCENARIOS)


def _coverage(writer):
    """A live story covered live, with ``writer`` (not the actor) on its staff."""
    from live.services import coverage_open

    return coverage_open(article=published(writer), user=ModeratorFactory(username="live-chief"), staff=[writer])


def _desk(coverage, tail):
    return f"/admin/live/coverage/{coverage.pk}/{tail}"


LIVE_SCENARIOS = {
    "open live coverage": (
        published,
        lambda client, a: client.post("/admin/live/coverage/add/", {"article": a.pk}),
        lambda a, before: len(snapshot()["coverage"]) == 1,
    ),
    "close live coverage": (
        _coverage,
        lambda client, c: client.post(_desk(c, "move/close_coverage/"), {"comment": "over"}),
        lambda c, before: [closed for _pk, closed, _version in snapshot()["coverage"]] == [True],
    ),
    "post live entry": (
        _coverage,
        lambda client, c: client.post(_desk(c, "entry/"), {"body_ar": "<p>تحديث</p>"}),
        lambda c, before: snapshot()["entries"] == 1,
    ),
    "raise banner": (
        _coverage,
        lambda client, c: client.post(
            _desk(c, "banner/"),
            {"language": "ar", "ends_at": (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")},
        ),
        lambda c, before: snapshot()["banners"] == 1,
    ),
}
SCENARIOS.update(LIVE_SCENARIOS)


def _being_edited(writer):
    from presence.services import presence_beat

    article = draft(writer)
    presence_beat(article=article, user=writer, tab="writertab", typing=True, unsaved=True)
    return article


def _present(article, before):
    return len(snapshot()["presence"]) == len(before["presence"]) + 1


PRESENCE_SCENARIOS = {
    "presence heartbeat": (
        draft,
        lambda client, a: client.post(f"/admin/presence/{a.pk}/beat/", {"tab": "actortab", "typing": "1"}),
        _present,
    ),
    "take over": (
        _being_edited,
        lambda client, a: client.post(f"/admin/presence/{a.pk}/take-over/", {"next": story_url(a, "change/")}),
        lambda a, before: snapshot()["take overs"] == before["take overs"] + 1,
    ),
}
SCENARIOS.update(PRESENCE_SCENARIOS)


def snapshot() -> dict:
    """Everything a request could change, as plain values."""
    return {
        "stories": list(
            Article.objects.order_by("pk").values_list(
                "pk", "status", "latest_revision", "live_revision", "review_revision", "scheduled_revision"
            )
        ),
        "revisions": Revision.objects.count(),
        "transitions": Transition.objects.count(),
        "corrections": Correction.objects.count(),
        "users": list(get_user_model().objects.order_by("pk").values_list("pk", "is_superuser", "is_staff")),
        "budget": list(
            BudgetLine.objects.order_by("pk").values_list("pk", "section", "assignee", "status", "position", "title_ar")
        ),
        "api keys": [(pk, revoked is not None) for pk, revoked in ApiKey.objects.values_list("pk", "revoked_at")],
        "deliveries": list(Delivery.objects.order_by("pk").values_list("pk", "state")),
        "comments": list(Comment.objects.order_by("pk").values_list("pk", "body")),
        "threads": [(pk, at is not None) for pk, at in Thread.objects.order_by("pk").values_list("pk", "resolved_at")],
        "coverage": [
            (pk, closed is not None, version)
            for pk, closed, version in Coverage.objects.values_list("pk", "closed_at", "version")
        ],
        "entries": Entry.objects.count(),
        "banners": Banner.objects.count(),
        "presence": sorted(
            (pk, person.user_id)
            for pk, people in editing_now(list(Article.objects.values_list("pk", flat=True))).items()
            for person in people
        ),
        "take overs": TakeOver.objects.count(),
    }


def errors_shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]


@pytest.mark.parametrize(("role", "action"), CELLS)
def test_permission_matrix(client, role, action):
    expected = EXPECTED[action][ROLES.index(role)]
    writer = EditorFactory(username="writer")
    setup, make_request, changed = SCENARIOS[action]
    subject = setup(writer)
    actor = person(role)
    if actor is not None:
        client.force_login(actor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    before = snapshot()

    response = make_request(client, subject)

    status = response.status_code
    location = response.get("Location", "")
    if expected == ALLOW:
        assert status in (200, 302) and "/admin/login/" not in location, (status, location)
        assert not errors_shown(response), errors_shown(response)
        if changed is None:
            assert status == 200
            assert snapshot() == before
        else:
            assert changed(subject, before), f"{action} by {role} answered {status} but changed nothing"
        return
    if expected == LOGIN:
        assert status == 302 and location.startswith("/admin/login/"), (status, location)
    elif expected == DENY:
        assert status == 403, status
    elif expected == GONE:
        assert status == 404, status
    elif expected == REFUSE:
        assert status == 302 and location == story_url(subject, "change/"), (status, location)
        assert errors_shown(response), "refused without saying why"
    elif expected == SAYS_NO:
        assert status == 200 and "errorlist" in response.content.decode(), status
    elif expected == BACK:
        assert status == 302 and location == BUDGET, (status, location)
        assert errors_shown(response), "refused without saying why"
    elif expected == DESK:
        assert status == 302 and location == _desk(subject, "change/"), (status, location)
        assert errors_shown(response), "refused without saying why"
    assert snapshot() == before, f"{action} by {role} was refused ({status}) but the database changed"


def test_no_role_reads_a_draft_on_the_public_site_even_with_the_desk_open(client):
    """The reader's site ignores the session: the draft of a signed-in superuser is still not there."""
    chief = UserFactory(username="chief", is_superuser=True)
    article = draft(EditorFactory(username="writer"), headline_ar="سري")
    client.force_login(chief)
    for address in (f"/ar/news/{article.pk}/{article.slug}/", f"/en/news/{article.pk}/{article.slug}/", "/ar/"):
        response = client.get(address)
        assert "سري" not in response.content.decode()
    services.article_trash(article=article, user=chief)
    assert client.get(f"/ar/news/{article.pk}/{article.slug}/").status_code == 404
