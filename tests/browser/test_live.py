"""Live coverage in headless Chromium: an entry posted at the desk reaches open reader pages in both editions.

Within 5 seconds, without reloading ("1 new update", then the entry), through
the page cache. Once on the test's own server (any database), once through
two gunicorn app servers sharing PostgreSQL and Redis: the desk and the
Arabic reader on one, the English reader on the other. Also the banner the
desk raises, and axe on the live page as readers then see it.
"""

import os
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from playwright.sync_api import expect

from live import services
from tests.browser.test_public_pages import AXE
from tests.factories import ModeratorFactory, published

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WITHIN = 5_000  # ms: the product's promise for an entry to reach open pages


@pytest.fixture
def live_story(live_server):
    """A published story with its coverage open, and the groups with every app's permissions (see test_public_pages)."""
    from django.apps import apps

    from articles.roles import sync_groups as articles_groups
    from live.roles import sync_groups as live_groups

    for sync, label in ((articles_groups, "articles"), (live_groups, "live")):
        config = apps.get_app_config(label)
        models_module = config.models_module
        try:
            sync(apps)
        finally:
            config.models_module = models_module
    chief = ModeratorFactory(username="chief")
    story = published(headline_en="Summit in Cairo", body_en="<p>The summit opens.</p>")
    coverage = services.coverage_open(article=story, user=chief)
    services.entry_post(
        coverage=coverage, user=chief, body_ar="<p>وصول الوفود</p>", body_en="<p>Delegations arrive</p>"
    )
    return coverage


def sign_in(page, username="chief"):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()


def post_entry(desk, coverage, *, ar, en):
    desk.goto(f"/admin/live/coverage/{coverage.pk}/change/")
    for language, text in (("ar", ar), ("en", en)):
        editor = desk.locator(f'#live-entry-form [lang="{language}"] .ProseMirror[contenteditable="true"]')
        editor.click()
        desk.keyboard.type(text)
    desk.click(".live-desk__post")
    expect(desk.locator("ul.messagelist")).to_be_visible()


def sees_it(reader, text):
    """The reader is told of the new update without a jump, and gets it on asking."""
    button = reader.locator("[data-live-new]")
    expect(button).to_be_visible(timeout=WITHIN)
    expect(reader.locator("[data-live-entries]")).not_to_contain_text(text)
    button.click()
    expect(reader.locator("[data-live-entries]")).to_contain_text(text)


def _open_readers(browser, urls, story):
    readers = {}
    for language, base in urls.items():
        context = browser.new_context(base_url=base, viewport={"width": 390, "height": 800})
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(f"/{language}/news/{story.pk}/{story.slug}/")
        expect(page.locator("[data-live-entries]")).to_contain_text(
            "وصول الوفود" if language == "ar" else "Delegations"
        )
        readers[language] = page
    return readers


def test_an_entry_posted_in_the_desk_reaches_open_reader_pages_and_the_banner_every_page(
    browser, live_server, live_story, page
):
    story = live_story.article
    readers = _open_readers(browser, {"ar": live_server.url, "en": live_server.url}, story)
    sign_in(page)
    post_entry(page, live_story, ar="بدء الجلسة المغلقة", en="Closed session begins")
    sees_it(readers["ar"], "بدء الجلسة المغلقة")
    sees_it(readers["en"], "Closed session begins")

    page.goto(f"/admin/live/coverage/{live_story.pk}/change/")
    page.fill("#id_text", "عاجل: اتفاق على صندوق الإعمار")
    page.fill("#id_ends_at", (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.click("text=Raise the banner" if page.locator("html").get_attribute("lang") == "en" else "text=ارفع الشريط")
    expect(readers["ar"].locator(".breaking")).to_contain_text("اتفاق على صندوق الإعمار", timeout=WITHIN)
    expect(readers["en"].locator(".breaking")).to_be_hidden()

    if AXE.exists():
        for language, reader in readers.items():
            reader.evaluate(AXE.read_text())
            result = reader.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert not serious, (language, serious)
    elif os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"{AXE} is missing: run `npm ci`")
    for reader in readers.values():
        reader.context.close()


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
    reason="two app servers share PostgreSQL and Redis (set DATABASE_URL and REDIS_URL)",
)
def test_through_two_app_servers_with_the_page_cache_on(browser, live_story, static_root):
    from django.contrib.auth import get_user_model

    from tests.newsroom.test_multi_server import account, database_url
    from tests.servers import app_servers, production_env

    account(lambda username: get_user_model().objects.get(username=username), "chief")  # production's hasher
    story = live_story.article
    env = production_env(database_url=database_url(), static_root=static_root, REDIS_URL=os.environ["REDIS_URL"])
    with app_servers(env, 2) as (a, b):
        readers = _open_readers(browser, {"ar": a, "en": b}, story)
        # Both pages came from the page cache's copies as soon as they were stored.
        for reader in readers.values():
            reader.reload()
        desk = browser.new_context(base_url=a).new_page()
        sign_in(desk)
        post_entry(desk, live_story, ar="مؤتمر صحفي مشترك", en="Joint press conference")
        sees_it(readers["ar"], "مؤتمر صحفي مشترك")
        sees_it(readers["en"], "Joint press conference")
        for reader in readers.values():
            reader.context.close()
        desk.context.close()
