"""The story form's comforts in Chromium (issue 13, points 3, 4, 5, 7, 9 and 10), in both desk languages.

Few tests, each walking several points in one signed-in page: the picture
dialog, the byline picker, preview of what is on screen, the Arabic desk's
words and dates, compare's look, the headline count, Ctrl+S and the public
related-story dates at phone width.
"""

import re

import pytest
from playwright.sync_api import expect

from articles.dates import digits
from articles.models import Article, Image, Revision
from tests.browser.test_admin_story import message, sign_in
from tests.browser.test_public_pages import roles  # noqa: F401 (a fixture)
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    ImageFactory,
    TagFactory,
    draft,
    edit,
    image_bytes,
    published,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_HEADLINE = "العراق والولايات المتحدة تتفقان على جدول الانسحاب"


def in_language(page, live_server, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])


@pytest.fixture
def desk(roles):  # noqa: F811
    editor = EditorFactory(username="editor")
    AuthorFactory(slug="sara-hassan", name_ar="سارة حسن", name_en="Sara Hassan")
    soldiers = ImageFactory(alt_ar="جنود في قاعدة عين الأسد", alt_en="Soldiers at Ain al-Asad base")
    ImageFactory(alt_ar="خريطة العراق", alt_en="A map of Iraq")
    article = draft(editor, headline_ar="العراق والولايات المتحدة يبحثان انسحاب القوات", lead_image=None)
    draft(editor, lead_image=soldiers)
    return {"editor": editor, "article": article, "soldiers": soldiers}


def test_the_arabic_desk_edits_a_story_with_pictures_preview_and_keys(page, live_server, desk, tmp_path):
    article = desk["article"]
    in_language(page, live_server, "ar")
    sign_in(page, "editor")

    # Point 7: the newsroom's own titles and the public site's Arabic dates, "just now".
    page.goto("/admin/articles/article/")
    expect(page.locator("#content h1")).to_have_text("الأخبار")
    expect(page.locator("td.field-saved time").first).to_have_text("الآن")
    expect(page.locator("td.field-saved time").first).to_have_attribute(
        "title", re.compile(r"^[٠-٩]+ [^\d]+ [٠-٩]{4}، ")
    )

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator("#content h1")).to_have_text("تحرير الخبر")
    # Point 7: the body editor's menu speaks Arabic: tooltips, aria-labels, the block menu.
    menu = page.locator('.story-body[lang="ar"] .prose-menubar')
    expect(menu.locator('[title="غامق"][aria-label="غامق"]')).to_have_count(1)
    expect(menu.locator('[title="تراجع"]')).to_have_count(1)
    expect(menu.locator('.prose-menubar__selected [aria-label="فقرة"]')).to_have_count(1)
    expect(menu.locator(".prose-menubar__option")).to_have_text(["عنوان فرعي ٢", "عنوان فرعي ٣", "فقرة"])
    assert menu.locator('[title="bold"], [title="undo"]').count() == 0

    # Point 10: a live headline count against the workflow's limit; one case for both buttons.
    headline = page.locator("#id_headline_ar")
    counter = page.locator('output[for="id_headline_ar"]')
    headline.fill("عاجل: " + "ا" * 120)
    expect(counter).to_have_class(re.compile("story-length--over"))
    expect(counter).to_contain_text("١٢٦")
    headline.fill(NEW_HEADLINE)
    expect(counter).to_have_text(f"{digits(len(NEW_HEADLINE), 'ar')} من ١١٠ حرفًا")
    assert page.locator("input[name=_continue]").evaluate("e => getComputedStyle(e).textTransform") == "none"

    # Point 4: the byline shows the chosen name at once.
    page.select_option("#id_authors", label="سارة حسن")
    expect(page.locator("[data-ordered-list] [data-ordered-label]")).to_have_text(["سارة حسن"])

    # Point 3: the picture dialog: Arabic search, labels in each picture's language, used-in count.
    page.click("[data-picture-open]")
    dialog = page.locator("#picture-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".picture-choice")).to_have_count(2)
    page.fill("[data-picture-search]", "جنود")
    expect(dialog.locator(".picture-choice")).to_have_count(1)
    choice = dialog.locator(".picture-choice").first
    expect(choice.locator('[lang="ar"][dir="rtl"]')).to_have_text("جنود في قاعدة عين الأسد")
    expect(choice.locator('[lang="en"][dir="ltr"]')).to_have_text("Soldiers at Ain al-Asad base")
    expect(choice.locator(".picture-choice__used")).to_have_text("مستخدمة في خبر واحد")
    assert choice.locator("img").evaluate("img => img.naturalWidth") > 0

    # An upload that is not a picture is refused in the dialog; nothing typed is lost.
    not_a_picture = tmp_path / "statement.jpg"
    not_a_picture.write_text("<html>not a picture</html>")
    page.set_input_files("[data-picture-file]", str(not_a_picture))
    page.fill("#id_alt_ar", "متحدث باسم الجيش العراقي")
    page.click("[data-picture-send]")
    expect(dialog.locator('[data-picture-error="file"]')).to_contain_text("statement.jpg")
    expect(page.locator("#id_alt_ar")).to_have_value("متحدث باسم الجيش العراقي")
    # A real picture is stored and becomes the lead picture; the form keeps its text.
    picture = tmp_path / "spokesman.png"
    picture.write_bytes(image_bytes("PNG", size=(320, 200)))
    page.set_input_files("[data-picture-file]", str(picture))
    page.locator("[data-picture-focal-image]").click(position={"x": 80, "y": 50})
    page.click("[data-picture-send]")
    expect(dialog).to_be_hidden()
    uploaded = Image.objects.get(alt_ar="متحدث باسم الجيش العراقي")
    assert uploaded.focal_x == pytest.approx(0.25, abs=0.02)
    expect(page.locator("#id_lead_image")).to_have_value(str(uploaded.pk))
    expect(page.locator(".field-lead_image .select2-selection__rendered")).to_contain_text("متحدث باسم الجيش")
    expect(headline).to_have_value(NEW_HEADLINE)

    # Point 5: preview what is on screen, in a new tab, in either language; nothing is saved.
    revisions = Revision.objects.filter(article=article).count()
    with page.context.expect_page() as opened:
        page.click('.desk-preview-button[value="ar"]')
    preview = opened.value
    expect(preview.locator("h1")).to_have_text(NEW_HEADLINE)
    expect(preview.locator(".byline")).to_contain_text("سارة حسن")
    expect(preview.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")
    preview.close()
    assert Revision.objects.filter(article=article).count() == revisions

    # Point 10: Ctrl+S saves the form as a revision, with everything chosen above.
    page.keyboard.press("Control+s")
    expect(message(page)).to_contain_text("2")
    head = Article.objects.get(pk=article.pk).latest_revision
    assert head.number == 2 and head.lead_image_id == uploaded.pk
    assert [author.name_ar for author in head.ordered_authors()] == ["سارة حسن"]


def test_the_english_desk_has_its_own_words_and_the_pictures_keep_theirs(page, live_server, desk):
    in_language(page, live_server, "en")
    sign_in(page, "editor")
    page.goto("/admin/articles/article/")
    expect(page.locator("#content h1")).to_have_text("Stories")
    expect(page.locator("td.field-saved time").first).to_have_text("just now")

    page.goto(f"/admin/articles/article/{desk['article'].pk}/change/")
    expect(page.locator('.story-body[lang="ar"] .prose-menubar [title="bold"]')).to_have_count(1)
    page.click("[data-picture-open]")
    page.fill("[data-picture-search]", "جنود")
    choice = page.locator("#picture-dialog .picture-choice")
    expect(choice).to_have_count(1)
    # The Arabic description stays Arabic and right to left in the English desk.
    expect(choice.locator('[lang="ar"][dir="rtl"]')).to_have_text("جنود في قاعدة عين الأسد")
    expect(choice.locator(".picture-choice__used")).to_have_text("Used in 1 story")
    assert page.locator("#picture-dialog").evaluate("e => getComputedStyle(e).direction") == "ltr"
    choice.click()
    expect(page.locator("#id_lead_image")).to_have_value(str(desk["soldiers"].pk))
    # Escape closes the dialog, as any dialog (the first one empties the search box, as search boxes do),
    # and the keyboard is back on the button that opened it.
    page.click("[data-picture-open]")
    expect(page.locator("[data-picture-search]")).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page.locator("#picture-dialog")).to_be_hidden()
    expect(page.locator("[data-picture-open]")).to_be_focused()

    with page.context.expect_page() as opened:
        page.click('.desk-preview-button[value="en"]')
    expect(opened.value.locator("h1")).to_have_text("Iraq and US discuss coalition withdrawal")


def test_compare_tints_changes_folds_alike_and_a_related_date_stays_whole(page, live_server, roles):  # noqa: F811
    editor = EditorFactory(username="editor")
    paragraphs = ["قال المتحدث إن المحادثات بدأت.", "وأضاف أن الجدول لم يحدد.", "ونفى مسؤول أمريكي ذلك."]
    article = draft(editor, body_ar="".join(f"<p>{p}</p>" for p in paragraphs))
    edit(article, editor, body_ar="".join(f"<p>{p}</p>" for p in [*paragraphs[:2], "ونفى مسؤول ذلك.", "فقرة جديدة."]))
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/compare/?old=1&new=2")
    sides = page.locator("#diff-body_ar + .diff-sides .diff-text")
    # Both sides fold the unchanged paragraphs the same way.
    expect(sides.nth(0).locator("details.diff-unchanged")).to_have_count(1)
    expect(sides.nth(1).locator("details.diff-unchanged")).to_have_count(1)
    deleted = sides.nth(0).locator("del.diff-delete").first
    style = deleted.evaluate(
        "e => ({line: getComputedStyle(e).textDecorationLine, tint: getComputedStyle(e).backgroundColor})"
    )
    assert style["line"] == "none" and style["tint"] != "rgba(0, 0, 0, 0)"

    # The public site at phone width: a related story's date is one piece, never broken inside.
    tags = [TagFactory(slug="coalition", name_ar="التحالف", name_en="Coalition")]
    published(headline_ar="خبر آخر عن انسحاب قوات التحالف الدولي من العراق وسوريا", tags=tags)
    story = published(headline_ar="العراق يبحث انسحاب التحالف", tags=tags)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"/ar/news/{story.pk}/{story.slug}/")
    date = page.locator(".related time").first
    expect(date).to_be_visible()
    assert date.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    # One line: its pieces (Arabic words and digits are separate runs) all share a top.
    assert date.evaluate("e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size") == 1
