"""The store of open forms: Redis shared by every app server, the database without it, and Redis failing."""

import time

import pytest

from presence import backends
from presence.backends import EXPIRES_SECONDS, Tab, store
from presence.models import OpenForm
from tests.factories import draft

pytestmark = pytest.mark.django_db


def tab(user, name="tab1", *, at=None, typing=False, unsaved=False) -> Tab:
    at = time.time() if at is None else at
    return Tab(user_id=user.pk, name=user.username, tab=name, since=at, seen=at, typing=typing, unsaved=unsaved)


def test_a_tab_is_present_until_it_stops_beating(backend, editor):
    article = draft(editor)
    now = time.time()
    store.beat(article.pk, tab(editor, at=now, typing=True, unsaved=True))
    [seen] = store.present([article.pk], now=now + 1)[article.pk]
    assert (seen.user_id, seen.typing, seen.unsaved) == (editor.pk, True, True)
    assert store.present([article.pk], now=now + EXPIRES_SECONDS + 1)[article.pk] == []


def test_a_beat_keeps_the_time_the_tab_opened_and_the_last_time_it_typed(backend, editor):
    article = draft(editor)
    opened = time.time() - 30
    store.beat(article.pk, tab(editor, at=opened, typing=True))
    later = store.beat(article.pk, tab(editor, at=opened + 10))
    assert later.since == pytest.approx(opened, abs=0.01)
    assert later.typed == pytest.approx(opened, abs=0.01)
    assert later.typing is False


def test_leaving_removes_the_tab_at_once(backend, editor, moderator):
    article = draft(editor)
    store.beat(article.pk, tab(editor))
    store.beat(article.pk, tab(moderator, "other"))
    store.leave(article.pk, editor.pk, "tab1")
    assert [seen.user_id for seen in store.present([article.pk])[article.pk]] == [moderator.pk]


def test_a_page_of_stories_is_read_at_once(backend, editor, django_assert_max_num_queries):
    stories = [draft(editor) for _ in range(3)]
    store.beat(stories[0].pk, tab(editor))
    store.beat(stories[2].pk, tab(editor, "t2"))
    with django_assert_max_num_queries(1):
        found = store.present([story.pk for story in stories])
    assert {pk: len(tabs) for pk, tabs in found.items()} == {stories[0].pk: 1, stories[1].pk: 0, stories[2].pk: 1}


def test_redis_keeps_open_forms_out_of_the_database_and_lets_them_expire(private_redis, editor):
    article = draft(editor)
    store.beat(article.pk, tab(editor))
    assert not OpenForm.objects.exists()
    keys = private_redis.client().keys("newsroom:presence:*")
    assert len(keys) == 2
    assert all(0 < private_redis.client().ttl(key) <= EXPIRES_SECONDS * 4 for key in keys)


def test_redis_down_answers_from_the_database_then_is_tried_again(private_redis, editor, monkeypatch, caplog):
    monkeypatch.setattr(backends, "RETRY_AFTER_SECONDS", 0.2)
    article = draft(editor)
    private_redis.stop()
    store.beat(article.pk, tab(editor))
    assert OpenForm.objects.filter(article=article, user=editor).exists()
    assert [seen.user_id for seen in store.present([article.pk])[article.pk]] == [editor.pk]
    assert "Redis is not answering" in caplog.text
    private_redis.start()
    time.sleep(0.25)
    assert store.backend_name == "redis"
    store.beat(article.pk, tab(editor, "back"))
    assert private_redis.client().hlen(f"newsroom:presence:{article.pk}:tabs") == 1


def test_a_hanging_redis_costs_one_short_wait_then_is_left_alone(private_redis, editor):
    article = draft(editor)
    store.beat(article.pk, tab(editor))  # connected
    private_redis.pause()
    try:
        started = time.monotonic()
        store.beat(article.pk, tab(editor, "second"))
        first = time.monotonic() - started
        present = store.present([article.pk])[article.pk]
        left_alone = store.backend_name
    finally:
        private_redis.resume()
    # A socket timeout of a quarter second, not the minutes a hung server could hold a request.
    assert first < 2
    # Within the retry pause, Redis is not asked at all: the database answers.
    assert left_alone == "database"
    assert [seen.tab for seen in present] == ["second"]


def test_redis_forgets_tabs_that_stopped_beating(private_redis, editor):
    article = draft(editor)
    long_ago = time.time() - EXPIRES_SECONDS - 5
    store.beat(article.pk, tab(editor, "gone", at=long_ago))
    store.beat(article.pk, tab(editor, "here"))
    client = private_redis.client()
    assert [member.decode() for member in client.hkeys(f"newsroom:presence:{article.pk}:tabs")] == [f"{editor.pk}:here"]
    assert client.zcard(f"newsroom:presence:{article.pk}:seen") == 1


def test_a_beat_answers_with_every_tab_open_on_the_story_itself_included(backend, editor, moderator):
    article = draft(editor)
    now = time.time()
    moderator.first_name, moderator.last_name = "سارة", ""
    moderator.save()
    store.beat(article.pk, Tab(user_id=moderator.pk, name="سارة", tab="m1", since=now - 5, seen=now - 5, typing=True))
    store.beat(article.pk, tab(editor, "gone", at=now - EXPIRES_SECONDS - 5))
    kept, present, _digest = store.beat_and_look(article.pk, tab(editor, "e1", at=now, unsaved=True))
    assert (kept.tab, kept.unsaved, kept.since) == ("e1", True, pytest.approx(now, abs=0.01))
    by_tab = {seen.tab: seen for seen in present}
    assert set(by_tab) == {"e1", "m1"}
    assert by_tab["m1"].name == "سارة" and by_tab["m1"].typing is True
    assert by_tab["m1"].typed == pytest.approx(now - 5, abs=0.01)
    assert (by_tab["e1"].user_id, by_tab["e1"].since, by_tab["e1"].unsaved) == (editor.pk, kept.since, True)


def test_a_redis_heartbeat_is_one_round_trip(private_redis, editor, moderator, monkeypatch):
    article = draft(editor)
    store.beat(article.pk, tab(moderator, "m1"))
    store.beat(article.pk, tab(editor, "e1", at=time.time() - 2, typing=True))
    backend = store._redis_backend()
    sent = []
    real = type(backend.client).execute_command

    def counted(client, *args, **kwargs):
        sent.append(args[0])
        return real(client, *args, **kwargs)

    monkeypatch.setattr(type(backend.client), "execute_command", counted)
    kept, present, _digest = store.beat_and_look(article.pk, tab(editor, "e1"))
    assert sent == ["EVALSHA"]
    assert kept.typed is not None and {seen.tab for seen in present} == {"e1", "m1"}
