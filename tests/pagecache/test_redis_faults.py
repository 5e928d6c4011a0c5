"""A change readers could see reaches them whatever Redis did meanwhile (issue 14, hole 2).

Each test fills the page cache of a private ``redis-server`` (never the
machine's own), breaks it, makes a change, lets Redis come back, and reads
the page again: the reader must get the changed page, not the stored one.

- stopped: Redis is killed after a snapshot, the change is made while it is
  down, and it is started again from the snapshot (the old page and the old
  versions come back with it);
- paused: Redis hangs (SIGSTOP) while the change is made, then goes on;
- restarted with its data: the change's invalidation is confirmed, then
  Redis restarts from a snapshot taken before it (the confirmed versions are
  lost, the old page and versions are back).

Before the fix each of these served the old page for up to ten minutes.
"""

import time
from dataclasses import dataclass

import pytest

from articles import services
from articles.services.library import library_save
from tests.factories import SectionFactory, corrected, published
from tests.pagecache.conftest import RETRY_AFTER

pytestmark = pytest.mark.django_db


def story_path(article) -> str:
    return f"/ar/news/{article.pk}/{article.slug}/"


@dataclass
class Change:
    """A change a reader could see: where it shows, how to make it, how to tell the page shows it."""

    path: str
    make: object
    shows: object


def publish(moderator) -> Change:
    published(headline_ar="محادثات التحالف في بغداد")
    return Change(
        "/ar/",
        lambda: published(headline_ar="خبر عاجل عن الانسحاب"),
        lambda response: "خبر عاجل عن الانسحاب" in response.content.decode(),
    )


def correction(moderator) -> Change:
    article = published()
    return Change(
        story_path(article),
        lambda: corrected(article, text_ar="صُحّح اسم المتحدث الرسمي"),
        lambda response: "صُحّح اسم المتحدث الرسمي" in response.content.decode(),
    )


def unpublish(moderator) -> Change:
    article = published()
    return Change(
        story_path(article),
        lambda: services.article_unpublish(article=article, user=moderator, reason="Legal"),
        lambda response: response.status_code == 410,
    )


def section_rename(moderator) -> Change:
    section = SectionFactory(slug="politics", name_ar="سياسة")
    published(section=section)

    def rename():
        section.name_ar = "شؤون سياسية"
        library_save(obj=section)

    return Change("/ar/", rename, lambda response: "شؤون سياسية" in response.content.decode())


CHANGES = [publish, correction, unpublish, section_rename]


def _filled(client, redis, change: Change) -> None:
    first = client.get(change.path)
    assert first.status_code == 200 and not change.shows(first)
    assert redis.client().keys("*:page:*"), "the page was not stored: the test would prove nothing"


def _made(change: Change, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        change.make()


def _after_redis_is_back() -> None:
    time.sleep(RETRY_AFTER + 0.1)


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_a_change_made_while_redis_is_stopped_reaches_readers_when_it_is_back(
    change, redis, client, moderator, django_capture_on_commit_callbacks
):
    change = change(moderator)
    _filled(client, redis, change)
    redis.save()
    redis.stop()
    _made(change, django_capture_on_commit_callbacks)
    redis.start()  # with the page and the versions of before the change
    _after_redis_is_back()
    assert change.shows(client.get(change.path))


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_a_change_made_while_redis_hangs_reaches_readers_when_it_goes_on(
    change, redis, client, moderator, django_capture_on_commit_callbacks
):
    change = change(moderator)
    _filled(client, redis, change)
    redis.pause()
    try:
        client.get(change.path)  # a reader meanwhile: Redis does not answer, the page comes from the database
        _made(change, django_capture_on_commit_callbacks)
    finally:
        redis.resume()
    _after_redis_is_back()
    assert change.shows(client.get(change.path))


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_a_change_redis_confirmed_then_lost_in_a_restart_reaches_readers(
    change, redis, client, moderator, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE_CHECK_SECONDS = 0  # every app server looks each time (1 s in production)
    change = change(moderator)
    _filled(client, redis, change)
    redis.save()
    _made(change, django_capture_on_commit_callbacks)
    assert change.shows(client.get(change.path))  # invalidated: Redis confirmed
    redis.restart()  # from the snapshot taken before the change
    _after_redis_is_back()
    assert change.shows(client.get(change.path))
