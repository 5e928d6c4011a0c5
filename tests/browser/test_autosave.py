"""Nothing typed is lost (issue 12), in headless Chromium against a live server.

The session ends while typing, the tab is closed mid-paragraph, the server
stops and starts again, a desk link is clicked with unsaved changes: each
time the text stays on the page or is offered back, and ends up saved as a
revision.
"""

import re

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from playwright.sync_api import expect

from articles.models import Article
from drafts.models import DraftBuffer
from tests.factories import EditorFactory, draft
from tests.servers import free_port

from .test_admin_story import message, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PARAGRAPH = " وأضاف المتحدث أن الجولة المقبلة ستعقد في بغداد"


def open_story(page, username="editor"):
    editor = EditorFactory(username=username)
    story = draft(editor)
    sign_in(page, username)
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    expect(body_editor(page)).to_be_visible()
    return story


def body_editor(page):
    return page.locator('.story-body[lang="ar"] .ProseMirror[contenteditable="true"]')


def type_paragraph(page, text=PARAGRAPH):
    # Into the last paragraph, then to its end: a click on the editor as a whole
    # lands wherever its middle is, and Ctrl+End from there has once stayed in
    # the first paragraph.
    body_editor(page).locator("p").last.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def status(page):
    return page.locator("[data-autosave-status]")


def saved_body(story):
    return Article.objects.get(pk=story.pk).latest_revision.body_ar


def test_session_ended_while_typing_save_signs_in_over_the_form_and_saves_the_text(page, browser_context):
    story = open_story(page)
    type_paragraph(page)
    browser_context.clear_cookies(name="sessionid")

    page.click("input[name=_continue]")

    dialog = page.locator("dialog.draft-sign-in")
    expect(dialog).to_be_visible()
    expect(page.locator("[data-autosave-alert]")).to_contain_text("Your session has ended")
    expect(body_editor(page)).to_contain_text(PARAGRAPH.strip())
    dialog.locator("input[name=username]").fill("editor")
    dialog.locator("input[name=password]").fill("wrong")
    dialog.locator("button[type=submit]").click()
    expect(dialog.locator("[data-autosave-sign-in-error]")).to_be_visible()
    dialog.locator("input[name=password]").fill("pass")
    dialog.locator("button[type=submit]").click()

    expect(message(page)).to_contain_text("Saved as revision 2.", timeout=15_000)
    assert PARAGRAPH.strip() in saved_body(story)
    assert not DraftBuffer.objects.exists()


def test_a_tab_closed_mid_paragraph_offers_the_text_back_and_restores_it(page, browser_context):
    story = open_story(page)
    type_paragraph(page)
    expect(status(page)).to_have_text(re.compile("Saved as a draft copy at"), timeout=10_000)
    type_paragraph(page, " ثم انتهى الاجتماع")
    page.close(run_before_unload=False)

    page = browser_context.new_page()
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    offer = page.locator("[data-autosave-offer]")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text("kept in this browser")
    offer.locator("[data-autosave-compare]").click()
    # Inserted, whatever else the copy adds beside it (where the caret landed among the story's words decides
    # whether what was typed reads as one insertion or two).
    expect(offer.locator("[data-autosave-diff] ins").filter(has_text="انتهى")).to_have_count(1)
    offer.locator("[data-autosave-restore]").click()
    expect(body_editor(page)).to_contain_text("ثم انتهى الاجتماع")
    page.click("input[name=_continue]")

    expect(message(page)).to_contain_text("Saved as revision 2.", timeout=15_000)
    assert "ثم انتهى الاجتماع" in saved_body(story)
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    expect(page.locator("[data-autosave-offer]")).to_be_hidden()


class StoppableServer:
    """A live server of this test's database that the test stops and starts again on the same port.

    Single-threaded and without keep-alive, so that stopping it really cuts
    the browser off (a kept-alive connection would go on being served).
    """

    def __init__(self):
        self.connections_override = {
            conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()
        }
        for conn in self.connections_override.values():
            conn.inc_thread_sharing()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = None

    def start(self):
        self.thread = _OneAtATimeServerThread(
            "127.0.0.1", StaticFilesHandler, connections_override=self.connections_override, port=self.port
        )
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error

    def stop(self):
        if self.thread is not None:
            self.thread.terminate()
            self.thread = None

    def close(self):
        self.stop()
        for conn in self.connections_override.values():
            conn.dec_thread_sharing()


class _OneAtATimeServerThread(LiveServerThread):
    def _create_server(self, connections_override=None):
        # Requests are served in this thread, where run() already put the
        # test's in-memory database (SQLite) in place.
        return WSGIServer((self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=True)


@pytest.fixture
def stoppable_server():
    server = StoppableServer()
    server.start()
    yield server
    server.close()


def test_the_server_stopped_while_typing_then_started_keeps_and_saves_the_text(browser, stoppable_server):
    context = browser.new_context(base_url=stoppable_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        story = open_story(page)
        stoppable_server.stop()
        type_paragraph(page)
        expect(status(page)).to_have_text("Offline: kept in this browser", timeout=10_000)
        page.click("input[name=_continue]")
        expect(page.locator("[data-autosave-alert]")).to_contain_text("could not be reached")
        expect(body_editor(page)).to_contain_text(PARAGRAPH.strip())

        stoppable_server.start()
        expect(status(page)).to_have_text(re.compile("Saved as a draft copy at"), timeout=15_000)
        assert PARAGRAPH.strip() in DraftBuffer.objects.get().content["body_ar"][0]
        page.click("[data-autosave-retry]")

        expect(message(page)).to_contain_text("Saved as revision 2.", timeout=15_000)
        assert PARAGRAPH.strip() in saved_body(story)
    finally:
        context.close()


def test_a_desk_link_clicked_with_unsaved_changes_asks_first(page):
    open_story(page)
    page.fill("#id_headline_ar", "عنوان لم يحفظ")
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.dismiss() if len(asked) == 1 else dialog.accept()

    page.on("dialog", answer)
    home = page.locator(".breadcrumbs a").first
    home.click()
    expect(page.locator("#id_headline_ar")).to_have_value("عنوان لم يحفظ")
    home.click()
    page.wait_for_url(re.compile("/admin/$"))
    assert len(asked) == 2 and "unsaved changes" in asked[0]
