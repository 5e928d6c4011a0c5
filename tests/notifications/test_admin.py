"""The notification centre in the desk: the bell's poll, the list, mark read, settings, following."""

import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Article
from comments import services as comments
from notifications import services
from notifications.models import Channel, Event, Notification, Preference, Profile
from tests.factories import draft

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def url(name, *args):
    return reverse(f"admin:notifications_notification_{name}", args=args)


@pytest.fixture
def mentioned(editor, moderator):
    """The editor, mentioned twice by the moderator, deliveries done."""
    article = draft(editor)
    comments.comment_create(article=article, user=moderator, body="@editor الأولى")
    comments.comment_create(article=article, user=moderator, body="@editor الثانية")
    services.outbox_deliver()
    return article


def test_every_desk_page_has_the_bell(client, editor):
    client.force_login(editor)
    for address in ("/admin/", "/admin/articles/article/", "/admin/planning/budgetline/"):
        page = client.get(address).content.decode()
        assert "data-notif-bell" in page and url("unread") in page, address


def test_the_bell_says_how_many_are_unread_in_the_desks_language(client, editor, mentioned):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    answer = client.get(url("unread")).json()
    assert answer["count"] == 2
    assert answer["latest"][0]["text"].startswith("moderator ذكرك في «")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(url("unread")).json()["latest"][0]["text"].startswith("moderator mentioned you on “")


def test_the_bells_poll_is_cheap_and_never_cached(client, editor, mentioned, django_assert_num_queries):
    client.force_login(editor)
    client.get(url("unread"))
    with django_assert_num_queries(3):  # the user, the count, the newest few (the session is read from the cache)
        response = client.get(url("unread"))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_an_open_story_forms_heartbeat_brings_the_bells_answer(client, editor, mentioned):
    """On a story form the bell needs no poll of its own: the presence heartbeat carries its answer."""
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    beat = client.post(reverse("admin:presence_beat", args=[mentioned.pk]), {"tab": "t1"}).json()
    assert beat["pulse"]["notifications.bell"] == client.get(url("unread")).json()
    assert beat["pulse"]["notifications.bell"]["count"] == 2
    assert beat["pulse"]["notifications.bell"]["latest"][0]["text"].startswith("moderator ذكرك في «")
    client.post(url("read"))
    beat = client.post(reverse("admin:presence_beat", args=[mentioned.pk]), {"tab": "t1"}).json()
    assert beat["pulse"]["notifications.bell"] == {"count": 0, "latest": []}


def test_the_heartbeat_reads_the_bells_count_in_its_story_query(client, editor, mentioned):
    """No round trip of its own: the count is a column of the story's read; the newest few follow when any."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    client.post(reverse("admin:presence_beat", args=[mentioned.pk]), {"tab": "t1"})
    with CaptureQueriesContext(connection) as queries:
        beat = client.post(reverse("admin:presence_beat", args=[mentioned.pk]), {"tab": "t1"}).json()
    assert beat["pulse"]["notifications.bell"]["count"] == 2
    counts = [query["sql"] for query in queries if "COUNT(*)" in query["sql"]]
    assert len(counts) == 1 and f"WHERE {connection.ops.quote_name(Article._meta.db_table)}." in counts[0]


def test_the_list_shows_them_newest_first_and_marks_read(client, editor, mentioned):
    client.force_login(editor)
    page = client.get(url("changelist")).content.decode()
    assert page.index("الثانية") < page.index("الأولى")
    newest = Notification.objects.filter(recipient=editor, channel=Channel.DESK).first()
    client.post(url("read"), {"id": newest.pk})
    assert client.get(url("unread")).json()["count"] == 1
    client.post(url("read"))
    assert client.get(url("unread")).json()["count"] == 0


def test_opening_a_notification_leads_to_the_thread_and_marks_it_read(client, editor, mentioned):
    client.force_login(editor)
    notification = Notification.objects.filter(recipient=editor, channel=Channel.DESK).first()
    response = client.get(url("open", notification.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("admin:articles_article_change", args=[mentioned.pk]) + "#comment-thread-"
    )
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_opens_or_marks_someone_elses_notifications(client, editor, moderator, mentioned):
    client.force_login(moderator)
    notification = Notification.objects.filter(recipient=editor, channel=Channel.DESK).first()
    assert client.get(url("open", notification.pk)).status_code == 404
    client.post(url("read"), {"id": notification.pk})
    notification.refresh_from_db()
    assert notification.read_at is None


def test_settings_per_event_and_channel_the_digest_and_the_language(client, editor):
    client.force_login(editor)
    assert client.get(url("settings")).status_code == 200
    chosen = {f"{event}:{channel}": "on" for event in Event.values for channel in Channel.values}
    del chosen["commented:email"]
    client.post(url("settings"), {**chosen, "daily_digest": "on", "language": "en"})
    assert list(Preference.objects.filter(user=editor, enabled=False).values_list("event", "channel")) == [
        ("commented", "email")
    ]
    profile = Profile.objects.get(user=editor)
    assert profile.daily_digest and profile.language == "en"


def test_anyone_on_the_desk_follows_and_stops_following_a_story(client, editor, moderator):
    article = draft(editor)
    client.force_login(moderator)
    assert 'data-follow="1"' in client.get(url("follow", article.pk), **FETCH).content.decode()
    assert 'data-follow="0"' in client.post(url("follow", article.pk), {"follow": "1"}, **FETCH).content.decode()
    assert 'data-follow="1"' in client.post(url("follow", article.pk), {"follow": "0"}, **FETCH).content.decode()


def test_readers_have_no_bell_to_ask(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="reader", is_staff=False))
    assert client.get(url("unread")).status_code == 302
