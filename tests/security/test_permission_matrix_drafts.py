"""Who may use the story form's draft-copy endpoints: every role against every endpoint.

Written out by hand, like ``test_permission_matrix``, whose roles and
outcomes it shares. Every cell starts with the story's writer (another
editor) holding a draft copy with a secret sentence: no answer to anyone
ever contains it, because each endpoint works on the asker's own copy only.
"""

import pytest
from django.urls import reverse

from drafts.models import DraftBuffer
from tests.factories import EditorFactory, draft, trashed

from .test_permission_matrix import ALLOW, DENY, GONE, LOGIN, ROLES, person

pytestmark = pytest.mark.django_db

SECRET = "جملة سرية لم تحفظ"

ACTIONS = [
    "read copy",
    "keep copy",
    "discard copy",
    "compare copy",
    "keep copy of new story",
    "keep copy of trashed story",
    "keep copy of no story",
    "fresh token",
]

#                                 anonymous reader editor moderator inactive superuser
EXPECTED = {
    "read copy":                  (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
    "keep copy":                  (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
    "discard copy":               (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
    "compare copy":               (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
    "keep copy of new story":     (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
    # A story in the trash cannot be edited, so nobody keeps a copy of it.
    "keep copy of trashed story": (LOGIN, LOGIN, DENY,  DENY,  LOGIN, DENY),
    "keep copy of no story":      (LOGIN, LOGIN, GONE,  GONE,  LOGIN, GONE),
    "fresh token":                (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
}  # fmt: skip

CELLS = [(role, action) for action in ACTIONS for role in ROLES]


def address(name, story):
    if name == "session":
        return reverse("admin:drafts_draftbuffer_session")
    return reverse(f"admin:drafts_draftbuffer_{name}", kwargs={"story": story})


def _story_with_secret(writer):
    article = draft(writer)
    DraftBuffer.objects.create(user=writer, article=article, content={"headline_ar": [SECRET]})
    return article


def _trashed_with_secret(writer):
    article = trashed(writer)
    DraftBuffer.objects.create(user=writer, article=article, content={"headline_ar": [SECRET]})
    return article


TYPED = {"headline_ar": "عنوان يكتبه السائل", "body_ar": "<p>نص</p>"}

SCENARIOS = {
    "read copy": (_story_with_secret, lambda c, a: c.get(address("copy", a.pk)), None),
    "keep copy": (_story_with_secret, lambda c, a: c.post(address("copy", a.pk), TYPED), 2),
    "discard copy": (_story_with_secret, lambda c, a: c.post(address("discard", a.pk)), None),
    "compare copy": (_story_with_secret, lambda c, a: c.get(address("compare", a.pk)), None),
    "keep copy of new story": (_story_with_secret, lambda c, a: c.post(address("copy", "new"), TYPED), 2),
    "keep copy of trashed story": (_trashed_with_secret, lambda c, a: c.post(address("copy", a.pk), TYPED), None),
    "keep copy of no story": (_story_with_secret, lambda c, a: c.post(address("copy", 999_999), TYPED), None),
    "fresh token": (_story_with_secret, lambda c, a: c.get(address("session", None)), None),
}


def test_the_table_covers_every_role_and_endpoint():
    assert set(EXPECTED) == set(SCENARIOS) == set(ACTIONS)
    assert all(len(row) == len(ROLES) for row in EXPECTED.values())


def copies():
    return sorted(DraftBuffer.objects.values_list("user__username", "article_id", "content"), key=str)


@pytest.mark.parametrize(("role", "action"), CELLS)
def test_draft_copy_permission_matrix(client, role, action):
    expected = EXPECTED[action][ROLES.index(role)]
    writer = EditorFactory(username="writer")
    setup, make_request, copies_after = SCENARIOS[action]
    subject = setup(writer)
    actor = person(role)
    if actor is not None:
        client.force_login(actor)
    before = copies()

    response = make_request(client, subject)

    status, location = response.status_code, response.get("Location", "")
    assert SECRET not in response.content.decode()
    # The writer's copy is never touched by anyone else.
    assert DraftBuffer.objects.filter(user=writer, content__headline_ar=[SECRET]).count() == 1
    if expected == ALLOW:
        assert status == 200, (status, location)
        if copies_after is not None:
            assert DraftBuffer.objects.count() == copies_after
            assert DraftBuffer.objects.filter(user=actor, content__headline_ar=[TYPED["headline_ar"]]).exists()
        else:
            assert copies() == before
        return
    if expected == LOGIN:
        assert status == 302 and location.startswith("/admin/login/"), (status, location)
    elif expected == DENY:
        assert status == 403, status
    elif expected == GONE:
        assert status == 404, status
    assert copies() == before, f"{action} by {role} was refused ({status}) but a copy changed"


# The same, when the asker already has a copy of the story (the form's first
# autosave made it): the one-query overwrite checks the same rights, and a
# refusal leaves the asker's own copy as it was.

#                                        anonymous reader editor moderator inactive superuser
AGAIN = {
    "keep own copy again":               (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
    "keep own copy again, story trashed": (LOGIN, LOGIN, DENY,  DENY,  LOGIN, DENY),
    "keep own copy again, of new story":  (LOGIN, LOGIN, ALLOW, ALLOW, LOGIN, ALLOW),
}  # fmt: skip

OWN = "نص السائل من قبل"


@pytest.mark.parametrize(("role", "action"), [(role, action) for action in AGAIN for role in ROLES])
def test_draft_copy_permission_matrix_over_an_existing_copy(client, role, action):
    expected = AGAIN[action][ROLES.index(role)]
    writer = EditorFactory(username="writer")
    subject = _trashed_with_secret(writer) if "trashed" in action else _story_with_secret(writer)
    story = None if "new story" in action else subject
    actor = person(role)
    if actor is not None:
        DraftBuffer.objects.create(user=actor, article=story, content={"headline_ar": [OWN]})
        client.force_login(actor)
    before = copies()

    response = client.post(address("copy", story.pk if story else "new"), TYPED)

    status, location = response.status_code, response.get("Location", "")
    assert SECRET not in response.content.decode()
    assert DraftBuffer.objects.filter(user=writer, content__headline_ar=[SECRET]).count() == 1
    if expected == ALLOW:
        assert status == 200, (status, location)
        assert DraftBuffer.objects.get(user=actor, article=story).content["headline_ar"] == [TYPED["headline_ar"]]
        return
    if expected == LOGIN:
        assert status == 302 and location.startswith("/admin/login/"), (status, location)
    elif expected == DENY:
        assert status == 403, status
    assert copies() == before, f"{action} by {role} was refused ({status}) but a copy changed"
