"""The whole life of a story at the desk, in headless Chromium.

An editor drafts in Arabic with an English translation and submits; a
moderator compares and asks for changes; the editor fixes and resubmits;
the moderator approves and the story is on the public site. Then the editor
edits the live story, and readers keep the approved text until a moderator
approves the edit.
"""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import AuthorFactory, EditorFactory, ModeratorFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HEADLINE_AR = "العراق والولايات المتحدة يبحثان انسحاب قوات التحالف"
HEADLINE_EN = "Iraq and US discuss the coalition's withdrawal"
BODY_AR = "قال المتحدث باسم الجيش العراقي إن المحادثات بدأت اليوم."
BODY_EN = "The Iraqi army's spokesman said the talks began today."


def sign_in(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username, ignore_case=True)


def sign_out(page):
    page.click("#logout-form button")


def message(page):
    return page.locator("ul.messagelist")


def type_into_editor(page, language, text):
    editor = page.locator(f'.story-body[lang="{language}"] .ProseMirror[contenteditable="true"]')
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def public_headline(page, article):
    page.goto(f"/ar/news/{article.pk}/{article.slug}/")
    return page.locator("h1")


def test_a_story_goes_from_draft_to_the_site_and_an_edit_waits_for_approval(page):
    EditorFactory(username="editor")
    ModeratorFactory(username="moderator")
    section = SectionFactory(slug="politics", name_ar="سياسة", name_en="Politics")
    author = AuthorFactory(slug="sara-hassan", name_ar="سارة حسن", name_en="Sara Hassan")

    # The editor drafts in Arabic, with an English translation, and submits.
    sign_in(page, "editor")
    page.goto("/admin/articles/article/add/")
    page.fill("#id_headline_ar", HEADLINE_AR)
    type_into_editor(page, "ar", BODY_AR)
    assert (
        page.locator('.story-body[lang="ar"] [contenteditable="true"]').evaluate("e => getComputedStyle(e).direction")
        == "rtl"
    )
    expect(page.locator('[data-word-count="id_body_ar"] [data-words]')).to_have_text(re.compile("^(9|٩)$"))
    page.fill("#id_headline_en", HEADLINE_EN)
    type_into_editor(page, "en", BODY_EN)
    page.select_option("#id_section", str(section.pk))
    page.select_option("#id_authors", str(author.pk))
    expect(page.locator("[data-ordered-list] li")).to_have_count(1)
    page.click("input[name=_continue]")
    expect(message(page)).to_contain_text("Saved as revision 1.")
    page.click("button[data-action=submit]")
    expect(message(page)).to_contain_text("Revision 1 is with the moderators for review.")
    sign_out(page)

    # The moderator compares and asks for changes.
    sign_in(page, "moderator")
    expect(page.locator(".desk-panel--queue")).to_contain_text("1 story waits for review")
    page.click(".desk-panel--queue a")
    page.click(".desk-queue-actions a.button")  # a new story: read as readers will read it
    expect(page.locator("h1.story__headline")).to_have_text(HEADLINE_AR)
    page.click("[data-move=request_changes] summary")
    page.fill("textarea[name=request_changes-comment]", "اذكر مصدر الخبر في الفقرة الأولى")
    page.click("button[data-action=request_changes]")
    expect(message(page)).to_contain_text("went back to its editors")
    sign_out(page)

    # The editor reads the comment on the desk, fixes the story and resubmits.
    sign_in(page, "editor")
    expect(page.locator("#desk-returned + ul")).to_contain_text("اذكر مصدر الخبر في الفقرة الأولى")
    page.locator("#desk-returned + ul a").first.click()
    type_into_editor(page, "ar", " وفق بيان رسمي.")
    page.click("input[name=_continue]")
    expect(message(page)).to_contain_text("Saved as revision 2.")
    page.click("button[data-action=submit]")
    expect(message(page)).to_contain_text("Revision 2 is with the moderators for review.")
    sign_out(page)

    # The moderator reviews from the queue and approves; the story is on the site.
    sign_in(page, "moderator")
    page.goto("/admin/articles/article/review/")
    page.click(".desk-queue-actions a.button")
    page.click("button[data-action=publish]")
    expect(message(page)).to_contain_text("Revision 2 is approved and live on the site.")
    article = Article.objects.get()
    expect(public_headline(page, article)).to_have_text(HEADLINE_AR)
    expect(page.locator("main")).to_contain_text("وفق بيان رسمي")

    # The editor edits the live story: readers keep the approved text...
    page.goto("/admin/")
    sign_out(page)
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.fill("#id_headline_ar", "العراق والولايات المتحدة تتفقان على جدول الانسحاب")
    page.click("input[name=_continue]")
    expect(message(page)).to_contain_text("Saved as revision 3.")
    page.click("button[data-action=submit]")
    expect(message(page)).to_contain_text("Revision 3 is with the moderators for review.")
    expect(public_headline(page, article)).to_have_text(HEADLINE_AR)
    page.goto("/admin/")
    sign_out(page)

    # ...until the moderator approves the edit.
    sign_in(page, "moderator")
    page.goto("/admin/articles/article/review/")
    page.click(".desk-queue-actions a.button")  # a live story: compared with what is live
    expect(page.locator('#diff-headline_ar + .diff-sides .diff-text[dir="rtl"][lang="ar"]').last).to_contain_text(
        "تتفقان"
    )
    page.click("button[data-action=publish]")
    expect(message(page)).to_contain_text("Revision 3 is approved and live on the site.")
    expect(public_headline(page, article)).to_have_text(re.compile("تتفقان على جدول الانسحاب"))


@pytest.mark.parametrize("admin_language", ["en", "ar"])
def test_the_body_editors_menu_marks_draw_without_a_font(page, live_server, admin_language):
    from tests.factories import draft

    editor = EditorFactory(username="editor")
    article = draft(editor)
    page.context.add_cookies([{"name": "django_language", "value": admin_language, "url": live_server.url}])
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    for language in ("ar", "en"):
        mark = page.locator(f'.story-body[lang="{language}"] .prose-menubar__selected').first
        expect(mark).to_be_visible()
        after = mark.evaluate(
            """element => {
                const style = getComputedStyle(element, "::after");
                const box = element.getBoundingClientRect();
                return {content: style.content, border: style.borderTopWidth, left: style.left, right: style.right,
                        width: box.width};
            }"""
        )
        # No character to draw (the editor's own "⏷" showed as a box), a triangle of borders instead,
        # at the end of the button in the editor's direction.
        assert after["content"] == '""'
        assert after["border"] == "5px"
        end = "left" if mark.evaluate("e => getComputedStyle(e).direction") == "rtl" else "right"
        assert after[end] == "4px"
        # and the button keeps room for it there, clear of the icon
        assert mark.evaluate(f"e => getComputedStyle(e).padding{end.title()}") == "16px"
