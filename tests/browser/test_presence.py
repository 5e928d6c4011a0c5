"""Two people on one story, in headless Chromium: they see each other, one takes over, the other is told.

Each person has a browser context of their own. On one app server the test
runs on SQLite too; on two gunicorn app servers sharing PostgreSQL and Redis
(what a newsroom with a load balancer runs) the heartbeats of one server's
editor reach the other's within the 5 seconds the desk promises.
"""

import os

import pytest
from django.db import connection
from playwright.sync_api import expect

from articles.models import Article
from presence.models import TakeOver
from tests.factories import EditorFactory, ModeratorFactory, draft, edit
from tests.newsroom.test_multi_server import account, database_url
from tests.servers import app_servers, production_env, redis_server

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WITHIN = 5_000  # milliseconds: the desk's promise


def person(browser, base_url, username, *, language="en"):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    page = context.new_page()
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def quiet(page):
    """Stop the page's heartbeats and wait for the last one.

    On SQLite the live server shares the test's one connection, so no
    request may still be on its way when the test writes or ends.
    """
    page.evaluate("document.querySelector('[data-presence]')?.remove()")
    page.wait_for_load_state("networkidle")


def see_each_other_then_take_over(browser, article, first_url, second_url):
    """The editor edits on ``first_url``; the moderator opens the story on ``second_url`` and takes over."""
    change = f"/admin/articles/article/{article.pk}/change/"
    editor = person(browser, first_url, "editor")
    editor.goto(change)
    editor.fill("#id_headline_en", "Talks on the coalition's withdrawal resume")
    moderator = person(browser, second_url, "moderator")
    moderator.goto(change)

    # Before typing a thing, the moderator is told the editor is at work, with unsaved changes.
    notice = moderator.locator("[data-presence-active]")
    expect(notice).to_contain_text("editor is editing this story now.", timeout=WITHIN)
    expect(moderator.locator("[data-presence-person]")).to_contain_text("unsaved changes")
    # The editor sees the moderator arrive.
    expect(editor.locator("[data-presence-person]")).to_contain_text("moderator", timeout=WITHIN)

    moderator.click("[data-presence-take-over] button")
    expect(moderator.locator("[data-presence-person]")).to_contain_text("you took the story over")
    told = editor.locator("[data-presence-taken-over]")
    expect(told).to_contain_text("moderator took this story over at", timeout=WITHIN)
    # Nothing the editor typed is lost.
    expect(editor.locator("#id_headline_en")).to_have_value("Talks on the coalition's withdrawal resume")
    assert TakeOver.objects.filter(article=article, by__username="moderator", previous__username="editor").exists()
    quiet(editor)
    quiet(moderator)
    moderator.goto(f"/admin/articles/article/{article.pk}/history/")
    expect(moderator.locator("[data-take-over]")).to_contain_text("editor")
    for page in (editor, moderator):
        page.context.close()


def test_two_people_on_one_server_see_each_other_and_a_take_over_is_told(browser, live_server):
    article = draft(EditorFactory(username="editor"))
    ModeratorFactory(username="moderator")
    see_each_other_then_take_over(browser, article, live_server.url, live_server.url)


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
    reason="two app servers share PostgreSQL and Redis (set DATABASE_URL and REDIS_URL)",
)
def test_two_people_on_two_app_servers_see_each_other_and_a_take_over_is_told(browser, static_root):
    article = draft(account(EditorFactory, "editor"))
    account(ModeratorFactory, "moderator")
    env = production_env(database_url=database_url(), static_root=static_root, REDIS_URL=os.environ["REDIS_URL"])
    with app_servers(env, 2) as (a, b):
        see_each_other_then_take_over(browser, article, a, b)


def test_after_a_conflict_submit_sends_the_editors_own_revision(browser, live_server):
    writer = EditorFactory(username="editor")
    colleague = EditorFactory(username="colleague")
    article = draft(writer)
    page = person(browser, live_server.url, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    quiet(page)
    page.fill("#id_headline_en", "My own headline")
    edit(article, colleague, headline_ar="عنوان الزميل")  # saved while the editor types
    page.click("input[name=_continue]")
    quiet(page)
    expect(page.locator("ul.messagelist")).to_contain_text("saved revision 2 while you were editing")
    expect(page.locator("#id_headline_en")).to_have_value("My own headline")

    page.click("button[data-action=submit]")
    expect(page.locator("ul.messagelist")).to_contain_text("is with the moderators for review")
    quiet(page)
    article = Article.objects.select_related("review_revision__restored_from").get(pk=article.pk)
    assert article.review_revision.headline_en == "My own headline"
    assert article.review_revision.restored_from.number == 3  # the editor's own, kept after the conflict
    page.context.close()


def test_on_a_story_form_the_bell_rides_the_heartbeat_and_asks_nothing_of_its_own(browser, live_server, settings):
    """The bell's count comes with presence's heartbeats: one request every few seconds per open form, not two."""
    from comments import services as comments
    from notifications import services as notifications

    settings.NEWSROOM_PRESENCE_BEAT_SECONDS = 1
    article = draft(EditorFactory(username="editor"))
    moderator = ModeratorFactory(username="moderator")
    page = person(browser, live_server.url, "editor")
    asked = {"bell": 0, "beat": 0}

    form = f"/admin/articles/article/{article.pk}/change/"

    def count(request):
        if form not in (request.headers.get("referer") or ""):
            return  # the desk page signed in on, whose bell may ask as the form opens
        if "/notifications/notification/unread/" in request.url:
            asked["bell"] += 1
        elif "/presence/" in request.url and request.url.endswith("/beat/"):
            asked["beat"] += 1

    page.on("request", count)
    page.goto(form)
    expect(page.locator("[data-presence-body]")).to_contain_text("No one else has this story open.")
    page.wait_for_timeout(4_000)  # the bell alone would have asked at least once more by now
    comments.comment_create(article=article, user=moderator, body="@editor انظر الفقرة الثانية")
    notifications.outbox_deliver()
    expect(page.locator("[data-notif-count]")).to_have_text("1", timeout=WITHIN)
    quiet(page)
    assert asked["beat"] >= 4
    assert asked["bell"] <= 1  # the bell's first look, as the page opened
    page.context.close()


# Counts the form's heartbeats by how they were answered: quietly (from
# Redis alone, ``presence.quiet``) or in full.
COUNT_BEATS = """
window.beats = {quiet: 0, full: 0};
const realFetch = window.fetch;
window.fetch = async (...args) => {
    const response = await realFetch(...args);
    if (String(args[0]).endsWith("/beat/")) {
        response.clone().json().then((answer) => { window.beats[answer.quiet ? "quiet" : "full"] += 1; }, () => {});
    }
    return response;
};
"""


def test_on_redis_the_heartbeats_go_quiet_and_still_see_a_colleague_a_take_over_and_the_bell(
    browser, live_server, settings, tmp_path
):
    from comments import services as comments
    from notifications import services as notifications
    from presence.backends import store

    settings.NEWSROOM_PRESENCE_BEAT_SECONDS = 1
    with redis_server(tmp_path) as server:
        settings.NEWSROOM_PRESENCE_REDIS_URL = server.url
        store.reset()
        try:
            article = draft(EditorFactory(username="editor"))
            moderator_account = ModeratorFactory(username="moderator")
            change = f"/admin/articles/article/{article.pk}/change/"
            editor = person(browser, live_server.url, "editor")
            editor.context.add_init_script(COUNT_BEATS)
            editor.goto(change)
            editor.fill("#id_headline_en", "Talks on the coalition's withdrawal resume")
            # Alone on the story, nothing changes: the beats go quiet.
            editor.wait_for_function("() => window.beats.quiet >= 3", timeout=15_000)

            moderator = person(browser, live_server.url, "moderator")
            moderator.goto(change)
            expect(moderator.locator("[data-presence-active]")).to_contain_text("editor is editing this story now.")
            expect(editor.locator("[data-presence-person]")).to_contain_text("moderator", timeout=WITHIN)

            comments.comment_create(article=article, user=moderator_account, body="@editor انظر الفقرة الثانية")
            notifications.outbox_deliver()
            expect(editor.locator("[data-notif-count]")).to_have_text("1", timeout=WITHIN)

            moderator.click("[data-presence-take-over] button")
            told = editor.locator("[data-presence-taken-over]")
            expect(told).to_contain_text("moderator took this story over at", timeout=WITHIN)
            expect(editor.locator("#id_headline_en")).to_have_value("Talks on the coalition's withdrawal resume")
            beats = editor.evaluate("window.beats")
            assert beats["quiet"] >= 3 and beats["full"] >= 3, beats
            quiet(editor)
            quiet(moderator)
            for page in (editor, moderator):
                page.context.close()
        finally:
            store.reset()
