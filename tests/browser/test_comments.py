"""The desk's conversation in headless Chromium: a phrase of the Arabic body, a mention, the bell, a reply, resolved.

An editor selects a phrase in the Arabic body, comments on it mentioning
@moderator (chosen from the completion list); the moderator, signed in on
another page (on another app server, in the PostgreSQL variant), sees the
bell count within 5 seconds, follows the notification to the thread and
replies; the editor sees the reply and resolves the thread.
"""

import re

import pytest
from django.db import connection
from playwright.sync_api import expect

from comments.models import Thread
from tests.factories import SAMPLE_BODY_AR, EditorFactory, ModeratorFactory, draft

PHRASE = "لتحديد جدول زمني"
ONE = re.compile("^(1|١)$")
BELL_WITHIN_MS = 5000


def sign_in(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username, ignore_case=True)


def select_phrase(page, phrase):
    """Select ``phrase`` in the Arabic body as a person would with the mouse (a DOM selection).

    The click puts the caret in the editor, and the editor may set its own
    selection a moment later (sooner or later on a busy machine): the
    phrase is selected again until the selection holds it.
    """
    page.locator('.story-body[lang="ar"] .ProseMirror[contenteditable="true"]').click()
    for _attempt in range(10):
        _select(page, phrase)
        page.wait_for_timeout(150)
        if page.evaluate("() => String(window.getSelection())") == phrase:
            return
    raise AssertionError(f"the editor did not keep {phrase!r} selected")


def _select(page, phrase):
    page.evaluate(
        """(phrase) => {
            const root = document.querySelector('.story-body[lang="ar"] .ProseMirror[contenteditable="true"]');
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(phrase);
                if (at === -1) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + phrase.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return;
            }
            throw new Error("phrase not in the editor");
        }""",
        phrase,
    )


def converse(editor_page, moderator_page, article):
    story = f"/admin/articles/article/{article.pk}/change/"
    editor_page.goto(story)
    select_phrase(editor_page, PHRASE)
    offer = editor_page.locator(".comments-offer")
    expect(offer).to_be_visible()
    offer.click()
    box = editor_page.locator("#comments-new-body")
    expect(editor_page.locator("[data-new-on]")).to_have_text(f"«{PHRASE}»")
    box.type("هل هذا دقيق؟ @mod")
    options = editor_page.locator(".comments-mentions [role=option]")
    expect(options.first).to_contain_text("@moderators")  # the role, then the person
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(box).to_have_value("هل هذا دقيق؟ @moderator ")
    editor_page.click("[data-create]")  # "Send the comment"
    thread = editor_page.locator('.story-field--body_ar [data-comments-beside] [data-thread][data-field="body_ar"]')
    expect(thread).to_contain_text(PHRASE)
    expect(thread.locator(".comment__body")).to_have_attribute("dir", "auto")
    assert thread.locator(".comment__body").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert editor_page.evaluate("CSS.highlights.get('comment-open').size") == 1, "the phrase is marked in the editor"

    # The moderator, already on the desk, hears of it within 5 seconds.
    expect(moderator_page.locator("[data-notif-count]")).to_have_text(ONE, timeout=BELL_WITHIN_MS)
    moderator_page.click(".notif-bell__link")
    moderator_page.locator(".notif-item--unread a").first.click()
    expect(moderator_page).to_have_url(re.compile(rf"{story}#comment-thread-\d+$"))
    reply = moderator_page.locator("[data-thread] .comment-thread__actions textarea")
    reply.fill("نعم، وفق بيان المتحدث.")
    moderator_page.locator("[data-thread] .comment-thread__actions button", has_text="Reply").click()
    expect(moderator_page.locator("[data-thread] .comment")).to_have_count(2)
    expect(moderator_page.locator("[data-notif-count]")).to_be_hidden()

    # The editor sees the reply and resolves the thread.
    editor_page.reload()
    expect(thread.locator(".comment")).to_have_count(2)
    expect(thread).to_contain_text("وفق بيان المتحدث")
    thread.locator("button", has_text="Resolve").click()
    expect(editor_page.locator(".comment-thread--resolved")).to_contain_text("Resolved by editor")
    resolved = Thread.objects.get()
    assert resolved.resolved_by.username == "editor" and resolved.quote == PHRASE


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="on PostgreSQL the two-server variant below runs the same conversation"
)
def test_an_editor_comments_on_a_phrase_and_the_moderator_hears_replies_and_it_is_resolved(browser, live_server):
    editor, moderator = EditorFactory(username="editor"), ModeratorFactory(username="moderator")
    article = draft(editor, body_ar=SAMPLE_BODY_AR)
    pages = {}
    for who in (editor, moderator):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en")
        context.set_default_timeout(15_000)
        pages[who.username] = context.new_page()
        sign_in(pages[who.username], who.username)
    moderator_page = pages["moderator"]
    expect(moderator_page.locator("[data-notif-count]")).to_be_hidden()
    converse(pages["editor"], moderator_page, article)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two app servers share PostgreSQL (set DATABASE_URL); SQLite is one file"
)
def test_the_moderator_on_another_app_server_sees_the_bell_within_five_seconds(browser, static_root):
    from tests.newsroom.test_multi_server import account, database_url
    from tests.servers import app_servers, production_env

    editor, moderator = account(EditorFactory, "editor"), account(ModeratorFactory, "moderator")
    article = draft(editor, body_ar=SAMPLE_BODY_AR)
    env = production_env(database_url=database_url(), static_root=static_root)
    with app_servers(env, 2) as (a, b):
        pages = {}
        for who, server in ((editor, a), (moderator, b)):
            context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, locale="en")
            context.set_default_timeout(15_000)
            pages[who.username] = context.new_page()
            sign_in(pages[who.username], who.username)
        converse(pages["editor"], pages["moderator"], article)
