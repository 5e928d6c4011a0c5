"""The Content-Security-Policy holds in a real browser: no violation on public pages or at the desk.

Public pages run no inline script (their JSON-LD is data, which browsers do
not execute and the policy does not block); the admin's rich-text editor
works under the admin's policy.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import AuthorFactory, ModeratorFactory, corrected, published, sample_story_content

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def watched(page):
    """``page`` with CSP violations recorded, from the console and from the DOM's events."""
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH_VIOLATIONS)
    return lambda: (
        [text for text in console if "Content Security Policy" in text] + page.evaluate("window.__violations")
    )


def test_public_pages_break_no_rule_of_the_policy(page, live_server):
    article = published(authors=[AuthorFactory(slug="sara", name_ar="سارة", name_en="Sara")], **sample_story_content())
    corrected(article)
    violations = watched(page)
    response = page.goto(f"/ar/news/{article.pk}/{article.slug}/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert page.locator('script[type="application/ld+json"]').count() == 1
    expect(page.locator("h1")).to_be_visible()
    for address in ("/ar/", "/en/", "/ar/search/?q=العراق", f"/en/news/{article.pk}/{article.slug}/"):
        page.goto(address)
    assert violations() == []


def test_the_desk_and_its_rich_text_editor_work_under_the_policy(page, live_server):
    ModeratorFactory(username="moderator")
    violations = watched(page)
    page.goto("/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "moderator")
    page.fill("#id_password", "pass")
    page.click("input[type=submit]")
    editor = page.locator('.story-body[lang="ar"] .ProseMirror[contenteditable="true"]')
    editor.click()
    page.keyboard.type("نص تجريبي")
    expect(editor).to_contain_text("نص تجريبي")
    assert violations() == []
