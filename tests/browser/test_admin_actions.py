"""The story's action area, the review view and the trash, in headless Chromium, in both admin languages.

A moderator sees on their own story the approvals disabled with the
four-eyes reason, reads a colleague's new story in the review view with the
decision bar in view to the end of the page, and asks for changes from it;
the list names a live story's pending edit, and the trash gives a story back
with one click.
"""

import pytest
from playwright.sync_api import expect

from articles import services
from articles.models import Article
from articles.workflow import State
from tests.factories import EditorFactory, ModeratorFactory, draft, edit, published, submitted

from .test_admin_story import message

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LONG_BODY_AR = "".join(f"<p>الفقرة {n}: قال المتحدث باسم الجيش العراقي إن المحادثات مستمرة.</p>" for n in range(40))

SAID = {
    "en": {
        "four_eyes": "another moderator has to approve it",
        "changes_sent": "went back to its editors",
        "live_draft": "Live · changes in draft",
        "restored": "out of the trash",
    },
    "ar": {
        "four_eyes": "مشرف آخر",
        "changes_sent": "أُعيد الخبر",
        "live_draft": "منشور · تعديلات في مسودة",
        "restored": "من سلة المهملات",
    },
}


def desk_in(page, live_server, language, username):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_moderator_is_offered_only_what_will_work_and_reviews_with_the_bar_in_view(page, live_server, language):
    said = SAID[language]
    editor, moderator = EditorFactory(username="editor"), ModeratorFactory(username="moderator")
    own = submitted(moderator, headline_ar="خبر كتبه المشرف")
    theirs = submitted(editor, headline_ar="خبر جديد للمراجعة", body_ar=LONG_BODY_AR)
    desk_in(page, live_server, language, "moderator")

    # Their own story: the approvals are there, disabled, with the four-eyes reason; no second Submit.
    page.goto(f"/admin/articles/article/{own.pk}/change/")
    approve = page.locator("[data-move=publish] button")
    expect(approve).to_be_disabled()
    expect(page.locator("[data-move=publish] .desk-move__why")).to_contain_text(said["four_eyes"])
    expect(page.locator("[data-move=submit]")).to_have_count(0)

    # The queue leads into the review, with a preview, and approves nothing from the row.
    page.goto("/admin/articles/article/review/")
    row = page.locator("tr.desk-queue-row", has_text="خبر جديد للمراجعة")
    expect(row.locator("button, form")).to_have_count(0)
    expect(row.locator('a[target="_blank"][href*="/preview/"]').first).to_be_visible()
    row.locator("a.button").click()

    # A new story reads as the public page, and the decision bar stays in view to its end.
    expect(page.locator("h1.story__headline")).to_have_text("خبر جديد للمراجعة")
    bar = page.locator("[data-decision-bar]")
    expect(bar).to_have_attribute("lang", language)
    page.keyboard.press("End")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate("window.scrollY") > 1000
    top = bar.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < 5, top
    page.click("[data-move=request_changes] summary")
    page.fill("textarea[name=request_changes-comment]", "اذكر المصدر")
    page.click("button[data-action=request_changes]")
    expect(message(page)).to_contain_text(said["changes_sent"])
    theirs.refresh_from_db()
    assert theirs.status == State.DRAFT


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_list_names_a_pending_edit_and_the_trash_restores_in_one_click(page, live_server, language):
    said = SAID[language]
    editor = EditorFactory(username="editor")
    live = published(editor, headline_ar="خبر منشور")
    edit(live, editor, headline_ar="خبر منشور معدل")
    gone = services.article_trash(article=draft(editor, headline_ar="خبر في السلة", headline_en=""), user=editor)
    desk_in(page, live_server, language, "editor")

    recent = page.locator("#recent-actions-module")
    expect(recent).to_contain_text("خبر في السلة")
    page.goto("/admin/articles/article/")
    expect(page.locator("tr", has_text="خبر منشور معدل").locator(".desk-state")).to_have_text(said["live_draft"])
    page.click(".object-tools a[href$='status__exact=trashed']")
    page.click(f"button[data-untrash='{gone.pk}']")
    expect(message(page)).to_contain_text(said["restored"])
    assert Article.objects.get(pk=gone.pk).status == State.DRAFT
