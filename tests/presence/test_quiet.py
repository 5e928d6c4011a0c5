"""Quiet heartbeats: a beat that finds nothing changed is answered from Redis alone, and anything that changed is not."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from articles.services import article_submit
from comments import services as comments
from notifications import services as notifications
from presence import quiet, services
from presence.backends import store
from tests.factories import EditorFactory, draft, edit

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def beat(client, article, *, tab="tab1", carry="", content_type=FORM, **state):
    """A heartbeat as presence.js sends it: URL-encoded, with the pass it holds."""
    fields = {"tab": tab, **{name: "1" if value else "0" for name, value in state.items()}}
    if carry:
        fields["pass"] = carry
    address = reverse("admin:presence_beat", args=[article.pk])
    if content_type == FORM:
        return client.post(address, urlencode(fields), content_type=FORM)
    return client.post(address, fields)


def full(client, article, **kwargs) -> dict:
    """A full heartbeat's answer, which must carry a pass on Redis."""
    response = beat(client, article, **kwargs)
    assert response.status_code == 200
    answer = response.json()
    assert "quiet" not in answer and answer["shown"]
    return answer


def is_quiet(response) -> bool:
    assert response.status_code == 200, response.content
    answer = response.json()
    if answer.get("quiet"):
        assert answer == {"same": True, "quiet": True}
        assert response["Cache-Control"] == "no-store"
        return True
    assert answer["shown"]  # the full heartbeat answered
    return False


@pytest.fixture
def client_factory():
    """A browser of its own (its own session), signed in as ``user``, the desk in English."""

    def open_for(user):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return client

    return open_for


@pytest.fixture
def on_redis(private_redis):
    return private_redis


@pytest.fixture
def editing(on_redis, as_user, editor):
    """The editor's form, open on a story, holding a pass from its first heartbeat."""
    article = draft(editor)
    client = as_user(editor)
    answer = full(client, article)
    return client, article, answer["pass"]


def test_a_beat_that_finds_nothing_changed_is_answered_quietly_without_the_database(editing, django_assert_num_queries):
    client, article, carry = editing
    with django_assert_num_queries(0):
        for _ in range(3):
            assert is_quiet(beat(client, article, carry=carry))


def test_a_quiet_beat_still_tells_the_others_what_this_tab_does(editing, client_factory, moderator):
    client, article, carry = editing
    assert is_quiet(beat(client, article, carry=carry, typing=True, unsaved=True))
    tabs = {tab.user_id: tab for tab in store.present([article.pk])[article.pk]}
    editor_tab = tabs[article.created_by_id]
    assert editor_tab.typing and editor_tab.unsaved and editor_tab.typed is not None
    # Seen in the moderator's own panel, drawn by their full heartbeat.
    other = client_factory(moderator)
    assert "typing" in full(other, article)["html"]


def test_someone_arriving_ends_the_quiet_and_the_form_is_told(editing, moderator):
    client, article, carry = editing
    assert is_quiet(beat(client, article, carry=carry))
    services.presence_beat(article=article, user=moderator, tab="m", typing=False, unsaved=False)
    response = beat(client, article, carry=carry)
    assert not is_quiet(response)
    answer = response.json()
    assert answer["others"] == 1 and "moderator" in answer["html"] and answer["pass"] != carry


def test_someone_starting_to_type_ends_the_quiet(editing, moderator):
    client, article, carry = editing
    services.presence_beat(article=article, user=moderator, tab="m", typing=False, unsaved=False)
    carry = full(client, article)["pass"]
    assert is_quiet(beat(client, article, carry=carry))
    services.presence_beat(article=article, user=moderator, tab="m", typing=True, unsaved=True)
    assert not is_quiet(beat(client, article, carry=carry))


def test_someone_leaving_ends_the_quiet(editing, moderator):
    client, article, carry = editing
    services.presence_beat(article=article, user=moderator, tab="m", typing=False, unsaved=False)
    carry = full(client, article)["pass"]
    services.presence_leave(article=article, user=moderator, tab="m")
    assert not is_quiet(beat(client, article, carry=carry))


def test_a_take_over_ends_the_quiet_of_both_sides(
    on_redis, client_factory, editor, moderator, django_capture_on_commit_callbacks
):
    article = draft(editor)
    mine, theirs = client_factory(editor), client_factory(moderator)
    my_pass = full(mine, article, typing=True, unsaved=True)["pass"]
    their_pass = full(theirs, article, tab="m")["pass"]
    my_pass = full(mine, article, typing=True, unsaved=True)["pass"]  # now seeing the moderator
    assert is_quiet(beat(mine, article, carry=my_pass, typing=True, unsaved=True))
    with django_capture_on_commit_callbacks(execute=True):
        services.story_take_over(article=article, by=moderator)
    response = beat(mine, article, carry=my_pass, typing=True, unsaved=True)
    assert not is_quiet(response) and response.json()["taken_over"] is True
    assert not is_quiet(beat(theirs, article, tab="m", carry=their_pass))


def test_a_parallel_revision_ends_the_quiet_of_the_one_overtaken(
    on_redis, client_factory, editor, django_capture_on_commit_callbacks
):
    colleague = EditorFactory(username="colleague")
    article = draft(editor)
    start = article.latest_revision
    with django_capture_on_commit_callbacks(execute=True):
        edit(article, colleague, base=start, headline_ar="عنوان الزميل")
    client = client_factory(colleague)
    carry = full(client, article)["pass"]
    assert is_quiet(beat(client, article, carry=carry))
    with django_capture_on_commit_callbacks(execute=True):
        edit(article, editor, base=start, headline_ar="عنواني")
    response = beat(client, article, carry=carry)
    assert not is_quiet(response) and "presence-notice--parallel" in response.json()["html"]


def test_a_workflow_move_ends_the_quiet(editing, editor, django_capture_on_commit_callbacks):
    client, article, carry = editing
    assert is_quiet(beat(client, article, carry=carry))
    with django_capture_on_commit_callbacks(execute=True):
        article_submit(article=article, revision=article.latest_revision, user=editor)
    assert not is_quiet(beat(client, article, carry=carry))


def test_a_new_notification_and_marking_it_read_end_the_quiet_and_the_bell_hears(
    editing, moderator, django_capture_on_commit_callbacks
):
    client, article, carry = editing
    with django_capture_on_commit_callbacks(execute=True):
        comments.comment_create(article=article, user=moderator, body="@editor انظر هنا")
        notifications.outbox_deliver()
    response = beat(client, article, carry=carry)
    assert not is_quiet(response)
    answer = response.json()
    assert answer["pulse"]["notifications.bell"]["count"] == 1
    carry = answer["pass"]
    assert is_quiet(beat(client, article, carry=carry))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:notifications_notification_read"), HTTP_X_REQUESTED_WITH="fetch")
    answer = beat(client, article, carry=carry).json()
    assert "quiet" not in answer and answer["pulse"]["notifications.bell"]["count"] == 0


def test_losing_the_rights_ends_the_quiet_at_once(editing, editor, django_capture_on_commit_callbacks):
    client, article, carry = editing
    assert is_quiet(beat(client, article, carry=carry))
    with django_capture_on_commit_callbacks(execute=True):
        editor.groups.clear()
    assert beat(client, article, carry=carry).status_code == 403


def test_a_group_losing_a_permission_ends_the_quiet(editing, editor, django_capture_on_commit_callbacks):
    client, article, carry = editing
    [group] = editor.groups.all()
    with django_capture_on_commit_callbacks(execute=True):
        group.permissions.remove(*group.permissions.filter(codename="change_article"))
    assert not is_quiet(beat(client, article, carry=carry))


def test_a_person_made_inactive_is_refused_at_once(editing, editor, django_capture_on_commit_callbacks):
    client, article, carry = editing
    with django_capture_on_commit_callbacks(execute=True):
        editor.is_active = False
        editor.save()
    response = beat(client, article, carry=carry)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_signing_in_again_keeps_the_quiet_of_others(editing, client_factory, moderator):
    """Every sign-in saves its time on the person: that is no change of rights."""
    client, article, carry = editing
    client_factory(moderator)  # signs in: last_login saved
    assert is_quiet(beat(client, article, carry=carry))


def test_signing_out_ends_the_quiet_at_once(editing):
    client, article, carry = editing
    session_cookie = client.cookies["sessionid"].value
    client.post(reverse("admin:logout"))
    client.cookies["sessionid"] = session_cookie  # a copy of the cookie kept elsewhere
    response = beat(client, article, carry=carry)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_pass_no_longer_holds_after_its_time(editing, monkeypatch):
    client, article, carry = editing
    monkeypatch.setattr(quiet, "PASS_SECONDS", -1)
    assert not is_quiet(beat(client, article, carry=carry))


@pytest.mark.parametrize("what", ["another session", "another tab", "another story", "tampered", "multipart"])
def test_a_pass_holds_only_for_its_session_tab_and_story(editing, client_factory, editor, what):
    client, article, carry = editing
    if what == "another session":
        client = client_factory(editor)
    elif what == "another story":
        article = draft(editor)
    elif what == "tampered":
        carry = carry[:-2] + ("AA" if not carry.endswith("AA") else "BB")
    kwargs = {"tab": "tab2"} if what == "another tab" else {}
    if what == "multipart":
        kwargs["content_type"] = "multipart"
    assert not is_quiet(beat(client, article, carry=carry, **kwargs))


def test_a_pass_read_by_someone_else_is_of_no_use_to_them(editing, client_factory, moderator, editor):
    """A pass names its person: another person's session cannot answer for it, nor beat as them."""
    client, article, carry = editing
    other = client_factory(moderator)
    response = beat(other, article, carry=carry)
    assert not is_quiet(response)
    tabs = {(tab.user_id, tab.tab) for tab in store.present([article.pk])[article.pk]}
    assert (moderator.pk, "tab1") in tabs and (editor.pk, "tab1") in tabs


def test_with_redis_down_the_beat_is_answered_in_full_from_the_database(editing, on_redis):
    client, article, carry = editing
    on_redis.stop()
    response = beat(client, article, carry=carry)
    assert not is_quiet(response)
    assert "pass" not in response.json()


def test_with_redis_hanging_the_beat_waits_a_moment_then_is_answered_in_full(editing, on_redis):
    client, article, carry = editing
    on_redis.pause()
    try:
        response = beat(client, article, carry=carry)
        assert not is_quiet(response) and "pass" not in response.json()
        # Redis is left alone for a few seconds: the next beat does not wait on it again.
        assert not is_quiet(beat(client, article, carry=carry))
    finally:
        on_redis.resume()


def test_on_the_database_a_heartbeat_gives_no_pass(no_redis, as_user, editor):
    article = draft(editor)
    answer = full(as_user(editor), article)
    assert "pass" not in answer
