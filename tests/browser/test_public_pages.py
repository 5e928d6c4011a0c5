"""The public site in headless Chromium: accessible (axe-core), no sideways scrolling at 360px."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from tests.factories import (
    AuthorFactory,
    ImageFactory,
    TagFactory,
    corrected,
    image_bytes,
    published,
    sample_story_content,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def roles(live_server):
    """The Editors and Moderators groups, which the factories join.

    A transactional test empties the database when it ends. Django would
    restore the migrated rows (the groups) from its serialized copy, but
    Playwright's event loop gives the test another connection object that
    lacks that copy; so the groups are made again here, as the migration does.
    """
    from django.apps import apps

    from articles.roles import sync_groups

    config = apps.get_app_config("articles")
    models_module = config.models_module
    try:
        sync_groups(apps)
    finally:
        config.models_module = models_module


@pytest.fixture
def sample(roles):
    image = ImageFactory(file=ContentFile(image_bytes(size=(1600, 900)), name="map.jpg"))
    tags = [TagFactory(slug="iraq", name_ar="العراق", name_en="Iraq")]
    article = published(
        **sample_story_content(lead_image=image),
        tags=tags,
        authors=[AuthorFactory(slug="sara-hassan", name_ar="سارة حسن", name_en="Sara Hassan")],
    )
    corrected(article)
    published(headline_ar="خبر عن التحالف في العراق", headline_en="Another coalition story", tags=tags)
    return article


def _pages(sample):
    story = f"news/{sample.pk}/{sample.slug}/"
    return {
        "home ar": "/ar/",
        "home en": "/en/",
        "story ar": f"/ar/{story}",
        "story en": f"/en/{story}",
        "section ar": "/ar/section/politics/",
        "search ar": "/ar/search/?q=والتحالف",
        "search en": "/en/search/?q=coalition",
    }


def test_axe_finds_no_serious_or_critical_violations(page, sample):
    if not AXE.exists():
        message = f"{AXE} is missing: run `npm ci` (make test does)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    problems = []
    for name, path in _pages(sample).items():
        page.goto(path)
        # Evaluated through the browser's debugging protocol: an injected
        # <script> element would be refused by the site's CSP (no inline script).
        page.evaluate(AXE.read_text())
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    assert not problems, "\n".join(problems)


def test_no_horizontal_scrolling_at_360_pixels(page, sample):
    page.set_viewport_size({"width": 360, "height": 740})
    wide = {}
    for name, path in {**_pages(sample), "tag en": "/en/tag/iraq/", "author ar": "/ar/author/sara-hassan/"}.items():
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[name] = width
    assert not wide


def test_arabic_story_reads_right_to_left_with_the_shipped_fonts(page, sample):
    page.goto(f"/ar/news/{sample.pk}/{sample.slug}/")
    assert page.evaluate("getComputedStyle(document.querySelector('.story__body')).direction") == "rtl"
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate("Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family)")
    assert "Noto Naskh Arabic" in loaded
    # The headline starts on the right: its right edge is the column's.
    headline = page.locator("h1").bounding_box()
    body = page.locator(".story__body").bounding_box()
    assert abs((headline["x"] + headline["width"]) - (body["x"] + body["width"])) < 2


def test_skip_link_is_the_first_stop_and_becomes_visible(page, sample):
    page.goto("/ar/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_the_language_switch_leads_to_the_english_story(page, sample):
    page.goto(f"/ar/news/{sample.pk}/{sample.slug}/")
    page.click("a.edition-switch")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == sample.headline_en


def test_a_printed_story_is_the_story_alone(page, sample):
    page.goto(f"/en/news/{sample.pk}/{sample.slug}/")
    page.emulate_media(media="print")
    for hidden in (".masthead", ".site-footer", ".related", ".search-form"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{hidden}')).display") == "none", hidden
    assert page.locator(".story__body").is_visible()
    assert page.locator(".corrections").is_visible()
