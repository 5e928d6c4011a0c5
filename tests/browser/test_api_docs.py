"""The API's documentation page works in a real browser, from the project's own files, under its policy."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_csp import watched
from tests.factories import published, sample_story_content

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_docs_page_loads_nothing_from_elsewhere_and_breaks_no_rule(page, live_server):
    story = published(**sample_story_content())
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    violations = watched(page)
    response = page.goto("/api/v1/docs")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "script-src 'self' 'unsafe-inline'" not in policy
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Al-Khabar content API")
    # Open the story detail operation and try it, as a partner's developer would.
    page.locator("#operations-stories-api_views_story").click()
    # "Try it out" is on from the start (tryItOutEnabled).
    page.locator('input[placeholder="story_id"]').fill(str(story.pk))
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".responses-wrapper .live-responses-table")).to_contain_text("200")
    page.screenshot(path="/tmp/api-shots/docs.png", full_page=False)
    outside = [url for url in requested if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert outside == []
    assert violations() == []
