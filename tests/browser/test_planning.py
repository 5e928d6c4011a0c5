"""Planning in the Arabic desk, in headless Chromium.

The moderator plans tomorrow's budget for two sections and assigns a line
to the editor; the editor turns it into a draft, writes and submits it; the
moderator approves it through the story's own workflow, and the line on
the budget follows the story to published. The printable budget is then
printed to PDF by Chromium in both desk languages and must fit one A4 page.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import services as article_services
from planning.models import BudgetLine, DeskMember
from planning.times import local_day
from tests.factories import EditorFactory, ModeratorFactory, SectionFactory, edit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()


def add_line(page, *, day, section, title):
    page.goto(f"/admin/planning/budgetline/add/?day={day.isoformat()}")
    page.fill("#id_title_ar", title)
    page.select_option("#id_section", str(section.pk))
    page.fill("#id_due_at", f"{day.isoformat()}T15:00")
    page.click("input[name=_save]")
    expect(page.locator("ul.messagelist")).to_contain_text(title)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_plan_tomorrow_assign_draft_and_follow_to_published(browser, live_server, tmp_path):
    editor = EditorFactory(username="editor")
    ModeratorFactory(username="moderator")
    approver = ModeratorFactory(username="approver")
    politics = SectionFactory(slug="politics", name_ar="سياسة", name_en="Politics", order=1)
    economy = SectionFactory(slug="economy", name_ar="اقتصاد", name_en="Economy", order=2)
    DeskMember.objects.create(section=politics, user=editor)
    tomorrow = local_day(timezone.now()) + timedelta(days=1)

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page = context.new_page()

    # The moderator plans tomorrow for two sections, in the Arabic desk.
    sign_in(page, "moderator")
    add_line(page, day=tomorrow, section=politics, title="جولة جديدة من محادثات الانسحاب")
    add_line(page, day=tomorrow, section=politics, title="البرلمان يناقش قانون الانتخابات")
    add_line(page, day=tomorrow, section=economy, title="أسعار النفط بعد اجتماع أوبك")
    page.goto(f"/admin/planning/budgetline/?day={tomorrow.isoformat()}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_contain_text("خطة يوم")
    expect(page.locator(".planning-section")).to_have_count(2)

    # ... assigns the first politics line to the editor with the form (no dragging needed).
    talks = BudgetLine.objects.get(title_ar="جولة جديدة من محادثات الانسحاب")
    page.check(f"#tick-{talks.pk}")
    page.select_option("#bulk-assignee", str(editor.pk))
    page.click("button[name=assign]")
    expect(page.locator(f"#line-{talks.pk} .planning-assignee")).to_have_text("editor")

    # ... and reorders by dragging: the parliament line goes above the talks.
    parliament = BudgetLine.objects.get(title_ar="البرلمان يناقش قانون الانتخابات")
    page.locator(f"#line-{parliament.pk}").drag_to(page.locator(f"#line-{talks.pk}"))
    expect(page.locator(".planning-section").first.locator("tbody tr").first).to_have_id(f"line-{parliament.pk}")
    expect(page.locator(f"#line-{parliament.pk}")).to_have_attribute("data-saved", "true")
    assert list(BudgetLine.objects.filter(section=politics).order_by("position").values_list("pk", flat=True)) == [
        parliament.pk,
        talks.pk,
    ]
    # ... and assigns by dropping a line on a person.
    page.locator(f"#line-{parliament.pk}").drag_to(page.locator(f'.planning-person[data-user="{editor.pk}"]'))
    expect(page.locator(f"#line-{parliament.pk} .planning-assignee")).to_have_text("editor")
    assert BudgetLine.objects.get(pk=parliament.pk).assignee == editor
    page.screenshot(path=str(tmp_path / "budget-ar.png"), full_page=True)

    # The printable budget, as Chromium prints it to PDF: one A4 page in either language.
    for language in ("ar", "en"):
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page.goto(f"/admin/planning/budgetline/print/?day={tomorrow.isoformat()}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        pdf = page.pdf(format="A4", print_background=True)
        (tmp_path / f"budget-{language}.pdf").write_bytes(pdf)
        assert pdf_pages(pdf) == 1, language
    context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto("/admin/")
    page.click("#logout-form button")
    context.clear_cookies()
    context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])

    # The editor sees it on the desk, and turns it into a draft story.
    sign_in(page, "editor")
    expect(page.locator("#desk-assigned").locator("..")).to_contain_text("جولة جديدة من محادثات الانسحاب")
    page.goto(f"/admin/planning/budgetline/?day={tomorrow.isoformat()}")
    page.click(f"#line-{talks.pk} button[name=draft]")
    expect(page).to_have_url(re.compile(r"/admin/articles/article/\d+/change/$"))
    expect(page.locator("#id_headline_ar")).to_have_value("جولة جديدة من محادثات الانسحاب")
    talks.refresh_from_db()
    article = talks.article
    assert article.latest_revision.section == politics

    page.goto(f"/admin/planning/budgetline/?day={tomorrow.isoformat()}")
    expect(page.locator(f"#line-{talks.pk} .planning-story")).to_contain_text("مسودة")

    # Written, submitted and approved through the story's own services.
    result = edit(article, editor, body_ar="<p>قال المتحدث إن المحادثات تستأنف غدًا.</p>")
    article_services.article_submit(article=article, revision=result.revision, user=editor)
    page.reload()
    expect(page.locator(f"#line-{talks.pk} .desk-state--in_review")).to_be_visible()
    article.refresh_from_db()
    article_services.revision_approve(article=article, revision=article.review_revision, user=approver)
    page.reload()
    expect(page.locator(f"#line-{talks.pk} .desk-state--published")).to_be_visible()
    context.close()
