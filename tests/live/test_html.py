"""A live page is valid HTML: the Nu Html Checker (vnu-jar from npm) finds no error, in both editions."""

import json
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from live import services
from tests.articles.test_views_html import VNU, _require
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def test_live_pages_pass_the_nu_html_checker(client, coverage, reporter, moderator, story, tmp_path):
    java = shutil.which("java")
    _require(java, "Java is needed to run the Nu Html Checker")
    _require(VNU.exists(), f"{VNU} is missing: run `npm ci` (make test does)")
    author = AuthorFactory(slug="sara", name_ar="سارة حسن", name_en="Sara Hassan")
    now = timezone.now()
    for number in range(23):
        entry = services.entry_post(
            coverage=coverage,
            user=reporter,
            posted_at=now - timedelta(minutes=number),
            body_ar=f"<p>تحديث <strong>رقم</strong> {number}</p>",
            body_en=f"<p>Update <a href='https://example.org/'>{number}</a></p>",
            quote_ar="لا سلام بلا إعمار" if number == 3 else "",
            quote_en="No peace without reconstruction" if number == 3 else "",
            quote_by_ar="الرئيس" if number == 3 else "",
            author=author,
            pinned=number == 1,
            key_event=number in (2, 5),
        )
        if number == 4:
            services.entry_correct(entry=entry, user=moderator, kind="correction", text_ar="صُحّح", text_en="Fixed")
    pages = {}
    for language in ("ar", "en"):
        base = f"/{language}/news/{story.pk}/{story.slug}/"
        pages[f"live {language}"] = client.get(base).content.decode()
        pages[f"live {language} page 2"] = client.get(base + "?page=2").content.decode()
    services.coverage_close(coverage=coverage, user=moderator)
    pages["closed ar"] = client.get(f"/ar/news/{story.pk}/{story.slug}/").content.decode()
    files = {}
    for index, (name, html) in enumerate(pages.items()):
        assert 'class="live"' in html, name
        path = tmp_path / f"live-{index}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stderr)["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
