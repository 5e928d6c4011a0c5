"""Presence at the desk: the heartbeat, the form's notice, take-over, the lists' marks, history, the desk."""

import pytest
from django.urls import reverse

from articles.workflow import State
from presence import services
from presence.models import ParallelRevision, TakeOver
from tests.articles.admin.helpers import url
from tests.factories import EditorFactory, draft, edit, submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("backend")]


@pytest.fixture
def client(client):
    """The desk in English, whoever signs in (``force_login`` below switches people)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def beat(client, article, tab="tab1", **state):
    flags = {name: "1" if value else "0" for name, value in state.items()}
    return client.post(reverse("admin:presence_beat", args=[article.pk]), {"tab": tab, **flags})


def test_the_heartbeat_answers_with_who_else_is_there_and_what_they_are_doing(client, as_user, editor, moderator):
    article = draft(editor)
    services.presence_beat(article=article, user=editor, tab="ed", typing=True, unsaved=True)
    answer = beat(as_user(moderator), article).json()
    assert answer["others"] == 1
    assert "editor" in answer["html"] and "typing" in answer["html"] and "unsaved changes" in answer["html"]
    assert answer["taken_over"] is False


def test_the_heartbeat_refuses_a_missing_tab_and_a_get(as_user, editor):
    article = draft(editor)
    client = as_user(editor)
    assert client.post(reverse("admin:presence_beat", args=[article.pk]), {}).status_code == 400
    assert client.get(reverse("admin:presence_beat", args=[article.pk])).status_code == 405


def test_a_heartbeat_for_a_story_that_does_not_exist_is_not_found(as_user, editor):
    assert as_user(editor).post(reverse("admin:presence_beat", args=[999_999]), {"tab": "t"}).status_code == 404


def test_a_heartbeat_for_an_address_no_story_can_have_is_not_found(as_user, editor):
    client = as_user(editor)
    assert client.post(f"/admin/presence/{2**64}/beat/", {"tab": "t"}).status_code == 404


def test_opening_a_story_someone_is_editing_says_so_before_typing_and_offers_a_take_over(as_user, editor, moderator):
    article = draft(editor)
    services.presence_beat(article=article, user=editor, tab="ed", typing=False, unsaved=True)
    page = as_user(moderator).get(url("change", article)).content.decode()
    assert "editor is editing this story now." in page
    assert reverse("admin:presence_take_over", args=[article.pk]) in page
    assert "newsroom_admin/presence.js" in page


def test_a_story_someone_only_has_open_shows_them_without_a_take_over(as_user, editor, moderator):
    article = draft(editor)
    services.presence_beat(article=article, user=editor, tab="ed", typing=False, unsaved=False)
    page = as_user(moderator).get(url("change", article)).content.decode()
    assert "data-presence-person" in page and "idle" in page
    assert "Take over the story" not in page


def test_a_take_over_is_told_to_the_other_on_their_next_heartbeat_and_recorded_in_history(client, editor, moderator):
    article = draft(editor)
    client.force_login(editor)
    beat(client, article, "ed", typing=True, unsaved=True)
    client.force_login(moderator)
    response = client.post(reverse("admin:presence_take_over", args=[article.pk]), {"next": url("change", article)})
    assert response.status_code == 302 and response["Location"] == url("change", article)
    assert TakeOver.objects.filter(article=article, by=moderator, previous=editor).exists()
    answer = beat(client, article, "mod").json()
    assert "you took the story over" in answer["html"] and "Take over the story" not in answer["html"]

    client.force_login(editor)
    told = beat(client, article, "ed", unsaved=True).json()
    assert told["taken_over"] is True
    assert "moderator took this story over at" in told["html"]

    history = client.get(url("history", article)).content.decode()
    assert "Take-overs" in history and "data-take-over" in history


def test_taking_over_from_no_one_is_refused_with_the_reason(as_user, editor, moderator):
    article = draft(editor)
    client = as_user(moderator)
    response = client.post(reverse("admin:presence_take_over", args=[article.pk]), HTTP_ACCEPT="application/json")
    assert response.status_code == 409 and "nothing to take over" in response.json()["error"]
    assert not TakeOver.objects.exists()


def test_leaving_takes_the_tab_off_others_screens(client, editor, moderator):
    article = draft(editor)
    client.force_login(editor)
    beat(client, article, "ed")
    client.post(reverse("admin:presence_leave", args=[article.pk]), {"tab": "ed"})
    client.force_login(moderator)
    assert beat(client, article, "mod").json()["others"] == 0


def test_the_stories_list_and_the_review_queue_mark_stories_someone_is_editing(as_user, editor, moderator):
    busy, quiet = submitted(editor), submitted(editor)
    services.presence_beat(article=busy, user=editor, tab="ed", typing=True, unsaved=True)
    client = as_user(moderator)
    for address in (url("changelist"), url("review_queue")):
        page = client.get(address).content.decode()
        assert page.count("Being edited by editor") == 1, address
    assert quiet.status == State.IN_REVIEW


def test_the_colleague_is_told_of_a_parallel_revision_on_their_form_and_desk(
    as_user, editor, django_capture_on_commit_callbacks
):
    colleague = EditorFactory(username="colleague")
    article = draft(editor)
    start = article.latest_revision
    with django_capture_on_commit_callbacks(execute=True):
        mine = edit(article, colleague, base=start, headline_ar="عنوان الزميل").revision
        side = edit(article, editor, base=start, headline_ar="عنواني").revision
    client = as_user(colleague)
    compare = f"{url('compare', article)}?old={mine.number}&amp;new={side.number}"
    assert compare in beat(client, article, "co").json()["html"]
    desk = client.get(reverse("admin:index")).content.decode()
    assert "Parallel revisions" in desk and compare in desk
    notice = ParallelRevision.objects.get(user=colleague)
    client.post(reverse("admin:presence_dismiss", args=[notice.pk]), {"next": "/admin/"})
    assert "Parallel revisions" not in client.get(reverse("admin:index")).content.decode()


def test_a_heartbeat_while_the_database_fails_answers_try_again_not_a_server_error(as_user, editor, monkeypatch):
    from django.db import OperationalError

    from presence.backends import store

    article = draft(editor)
    client = as_user(editor)

    def dropped(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(store, "beat_and_look", dropped)
    response = beat(client, article)
    assert response.status_code == 503 and "unavailable" in response.json()["error"]


def test_a_heartbeat_costs_the_same_few_queries_however_many_are_there(client, editor, django_assert_num_queries):
    from presence.backends import store

    article = draft(editor)
    client.force_login(editor)
    beat(client, article, "warm")
    for number in range(5):
        services.presence_beat(article=article, user=EditorFactory(), tab=f"t{number}", typing=True, unsaved=True)
    # The user, then the story with the person's standing on it (rights,
    # take-overs, parallel revisions) and the bell's count in one query; the store is Redis, or
    # three more queries on the database (the tab's row updated and read, who is there).
    expected = HEARTBEAT_QUERIES + (3 if store.backend_name == "database" else 0)
    with django_assert_num_queries(expected):
        answer = beat(client, article, "warm").json()
    assert answer["others"] == 5


def test_a_heartbeat_asks_for_take_overs_and_parallel_revisions_only_when_one_concerns_the_person(
    client, editor, moderator, django_assert_num_queries
):
    from presence.backends import store

    article = draft(editor)
    client.force_login(editor)
    beat(client, article, "mine", typing=True)
    client.force_login(moderator)
    beat(client, article, "theirs")
    services.story_take_over(article=article, by=moderator)
    client.force_login(editor)
    store_queries = 3 if store.backend_name == "database" else 0
    # The take-over of this person since their tab opened, read because there is one.
    with django_assert_num_queries(HEARTBEAT_QUERIES + store_queries + 1):
        answer = beat(client, article, "mine").json()
    assert answer["taken_over"] is True


# The user; the story with the person's standing on it and the bell's
# unread count, which the heartbeat carries so that the form's bell does not
# poll on its own (a request saved every 2.5 s; the newest few only when
# any), read in the same query.
HEARTBEAT_QUERIES = 2


def test_a_heartbeat_that_shows_the_same_panel_is_not_drawn_again_and_a_change_draws_it(client, as_user, editor):
    article = draft(editor)
    desk = as_user(editor)
    first = beat(desk, article).json()
    assert "No one else has this story open" in first["html"] and first["shown"]
    again = desk.post(reverse("admin:presence_beat", args=[article.pk]), {"tab": "tab1", "shown": first["shown"]})
    same = again.json()
    same.pop("pass", None)  # on Redis, for the quiet heartbeats (test_quiet.py)
    assert same == {"others": 0, "taken_over": False, "shown": first["shown"], "same": True, **_pulse(again)}
    colleague = EditorFactory(username="colleague")
    services.presence_beat(article=article, user=colleague, tab="co", typing=True, unsaved=False)
    changed = desk.post(reverse("admin:presence_beat", args=[article.pk]), {"tab": "tab1", "shown": first["shown"]})
    answer = changed.json()
    assert "same" not in answer and "colleague" in answer["html"] and answer["shown"] != first["shown"]
    # The same people, seen in the other desk language: drawn again, in Arabic.
    arabic = desk.post(
        reverse("admin:presence_beat", args=[article.pk]),
        {"tab": "tab1", "shown": answer["shown"]},
        HTTP_ACCEPT_LANGUAGE="ar",
    ).json()
    assert "same" not in arabic and "colleague" in arabic["html"] and arabic["shown"] != answer["shown"]
    # Typing stopped: the row says so, so the panel is drawn again.
    services.presence_beat(article=article, user=colleague, tab="co", typing=False, unsaved=False)
    idle = desk.post(reverse("admin:presence_beat", args=[article.pk]), {"tab": "tab1", "shown": answer["shown"]})
    assert "idle" in idle.json()["html"]


def _pulse(response) -> dict:
    answer = response.json()
    return {"pulse": answer["pulse"]} if "pulse" in answer else {}
