"""Every public page is valid HTML: the Nu Html Checker (vnu-jar from npm) finds no error.

All pages are checked in one Java run, which is most of this test's time.
Without Java or node_modules the test is skipped, and says why; CI sets
REQUIRE_BROWSER=1, which turns that into a failure.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation

from articles.models import Revision
from articles.presentation import StoryPage
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    ImageFactory,
    TagFactory,
    corrected,
    edit,
    image_bytes,
    published,
    sample_story_content,
    unpublished,
)

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


def _require(condition, message):
    if not condition:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def newsroom(db):
    image = ImageFactory(file=ContentFile(image_bytes(size=(1200, 700)), name="map.jpg"))
    tags = [TagFactory(slug="iraq", name_ar="العراق", name_en="Iraq"), TagFactory(slug="coalition")]
    authors = [AuthorFactory(slug="sara-hassan", bio_ar="مراسلة", bio_en="Correspondent"), AuthorFactory()]
    sample = published(**sample_story_content(lead_image=image), tags=tags, authors=authors)
    corrected(sample)
    for number in range(3):
        published(headline_ar=f"خبر التحالف رقم {number}", tags=tags[:1], headline_en=f"Coalition story {number}")
    gone = unpublished()
    return {"sample": sample, "gone": gone}


def _pages(client, newsroom):
    sample, gone = newsroom["sample"], newsroom["gone"]
    local = timezone.localtime(sample.first_published_at)
    paths = []
    for language in ("ar", "en"):
        paths += [
            f"/{language}/",
            f"/{language}/news/{sample.pk}/{sample.slug}/",
            f"/{language}/section/politics/",
            f"/{language}/tag/iraq/",
            f"/{language}/author/sara-hassan/",
            f"/{language}/archive/{local.year}/{local.month}/",
            f"/{language}/search/",
            f"/{language}/search/?q=" + ("والتحالف" if language == "ar" else "coalition"),
            f"/{language}/search/?q=zzzznothing",
            f"/{language}/search/?q=ًٌٍ",
            f"/{language}/news/999999/missing/",
            f"/{language}/news/{gone.pk}/{gone.slug}/",
        ]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404, 410), path
        pages[path] = response.content.decode()
    from articles.views import server_error

    for language in ("ar", "en"):
        with translation.override(language):
            pages[f"500 {language}"] = server_error(None).content.decode()
            revision = Revision.objects.with_relations().get(pk=edit(sample, EditorFactory()).revision.pk)
            pages[f"preview {language}"] = render_to_string(
                "articles/story.html", {"story": StoryPage.preview(revision)}
            )
    return pages


def test_public_pages_pass_the_nu_html_checker(client, newsroom, tmp_path):
    java = shutil.which("java")
    _require(java, "Java is needed to run the Nu Html Checker")
    _require(VNU.exists(), f"{VNU} is missing: run `npm ci` (make test does)")
    files = {}
    for index, (name, html) in enumerate(_pages(client, newsroom).items()):
        path = tmp_path / f"page-{index}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
    assert len(files) == 28
