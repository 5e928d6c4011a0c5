"""A corpus of XSS payloads, saved through the services into every text field, stays harmless everywhere.

Each payload becomes one published story whose every text field holds it,
in Arabic and in English: headline, standfirst, dateline, body, section,
tag and author names (and biography), the lead image's alt text, caption
and credit, a correction, a revision note and a workflow comment; a second,
pending revision holds it too, for the compare screen. Then every public
page, feed, sitemap and desk screen that shows those fields is read with
``tests.security.harmless.dangers``.
"""

import xml.etree.ElementTree as ElementTree

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings

from articles import services
from articles.models import Article
from articles.services.media import image_create, renditions_ensure
from tests.conftest import built_for_module
from tests.factories import EditorFactory, ModeratorFactory, UserFactory, edit, image_bytes, story_content

from .harmless import INVISIBLE, dangers, json_ld, visible_text

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<IMG SRC="x" ONERROR="alert(1)"',  # unclosed
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">link</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">link</a>',
    '<a href="jav&#x09;ascript:alert(1)">link</a>',
    '<a href=" javascript:alert(1)">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>',
    '<a href="vbscript:msgbox(1)">link</a>',
    '<a href="VBScript:msgbox(1)">link</a>',
    '<a href="https://example.com/" onclick="alert(1)" target="_blank">a real link</a>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div style="width: expression(alert(1))">ie</div>',
    "<style>@import '//evil.example/x.css'; body{background:url(javascript:alert(1))}</style>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="//evil.example/x.swf">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<base href="//evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="//evil.example/x.css">',
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)' x='",
    '" autofocus onfocus="alert(1)',
    "</script><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<<script>script>alert(1)<</script>/script>",
    "{{ request.user }} {% debug %} ${7*7} {{7*7}} #{7*7}",
    "\u202eexe.txt\u202c \u2066العراق\u2069 \u202dهجوم\u202c",
    "\u200bالعر\u200bاق\ufeff\u2060 zero\u200bwidth",
    "Iraq" + "A" * 4000,
    "\u0627\u0644\u0639\u0631\u0627\u0642 <b>bold</b> & <i>ampersand</i> &amp; &lt;tag&gt;",
]

# Each field's room: a payload longer than a field is cut to fit (still
# hostile, often more broken). Headlines keep room for the publishable limit.
LIMITS = {
    "headline": 100,
    "dateline": 100,
    "name": 80,
    "author": 120,
    "alt": 300,
    "caption": 500,
    "credit": 200,
    "note": 500,
}


def fit(payload: str, field: str) -> str:
    return payload[: LIMITS.get(field, len(payload))]


def _build(index: int, payload: str, editor, moderator) -> Article:
    from articles.models import Author, Section, Tag

    # Sections, tags and authors are saved as the admin saves them (full_clean, then save).
    section = Section(slug=f"xss-{index}", name_ar=fit(payload, "name"), name_en=fit(payload, "name"))
    tag = Tag(slug=f"xss-{index}", name_ar=fit(payload, "name"), name_en=fit(payload, "name"))
    author = Author(slug=f"xss-{index}", name_ar=fit(payload, "author"), name_en=fit(payload, "author"), bio=payload)
    for thing in (section, tag, author):
        thing.full_clean()
        thing.save()
    image = image_create(
        user=editor,
        file=ContentFile(image_bytes(), name=f"xss-{index}.jpg"),
        **{f"{field}_{code}": fit(payload, field) for field in ("alt", "caption", "credit") for code in ("ar", "en")},
    )
    renditions_ensure(image=image)
    content = story_content(
        headline_ar=f"{fit(payload, 'headline')} العراق",
        headline_en=f"{fit(payload, 'headline')} Iraq",
        standfirst_ar=payload,
        standfirst_en=payload,
        dateline_ar=fit(payload, "dateline"),
        dateline_en=fit(payload, "dateline"),
        body_ar=f"<p>العراق</p>{payload}",
        body_en=f"<p>Iraq</p>{payload}",
        section=section,
        lead_image=image,
    )
    article = services.article_create(
        user=editor, content=content, authors=[author], tags=[tag], note=fit(payload, "note")
    )
    article = services.article_submit(article=article, revision=article.latest_revision, user=editor, note=payload)
    article = services.revision_approve(
        article=article, revision=article.review_revision, user=moderator, comment=payload
    )
    services.correction_add(article=article, user=moderator, kind="correction", text_ar=payload, text_en=payload)
    edit(article, editor, body_ar=f"<p>العراق تعديل</p>{payload}{payload}", standfirst_en=f"{payload} (2)")
    article.refresh_from_db()
    return article


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker, tmp_path_factory):
    """One published story per payload, built once for the module and rolled back after it."""
    folder = tmp_path_factory.mktemp("xss")
    with (
        override_settings(
            MEDIA_ROOT=folder / "media", NEWSROOM_ORIGINALS_ROOT=folder / "originals", NEWSROOM_PAGE_SIZE=500
        ),
        built_for_module(django_db_blocker),
    ):
        editor, moderator = EditorFactory(username="xss-editor"), ModeratorFactory(username="xss-moderator")
        chief = UserFactory(username="xss-chief", is_superuser=True)
        stories = [_build(index, payload, editor, moderator) for index, payload in enumerate(PAYLOADS)]
        yield {"stories": stories, "chief": chief}


def test_the_corpus_is_big_enough():
    assert len(PAYLOADS) >= 30


class Findings:
    """Problems found, by surface; reported all at once so one run shows every hole."""

    def __init__(self):
        self.found: list[str] = []
        self.pages = 0

    def check(self, label: str, response, *, text_rules: bool = True, status: int = 200):
        self.pages += 1
        if response.status_code != status:
            self.found.append(f"{label}: HTTP {response.status_code}")
            return ""
        html = response.content.decode()
        self.found.extend(f"{label}: {problem}" for problem in dangers(html, text_rules=text_rules))
        return html

    def assert_none(self):
        assert not self.found, f"{len(self.found)} problems:\n" + "\n".join(self.found[:60])


@pytest.mark.parametrize("language", ["ar", "en"])
def test_story_pages_and_their_json_ld_and_opengraph(client, corpus, language):
    findings = Findings()
    for index, article in enumerate(corpus["stories"]):
        label = f"story {language} #{index}"
        html = findings.check(label, client.get(f"/{language}/news/{article.pk}/{article.slug}/"))
        if not html:
            continue
        blocks = json_ld(html)
        if len(blocks) != 1 or blocks[0].get("@type") != "NewsArticle":
            findings.found.append(f"{label}: JSON-LD missing or unreadable")
        elif PAYLOADS[index].strip()[:20] and not blocks[0]["headline"]:
            findings.found.append(f"{label}: JSON-LD lost the headline")
        headline = visible_text(html.split('<h1 class="story__headline">', 1)[1].split("</h1>", 1)[0])
        if INVISIBLE.search(headline):
            findings.found.append(f"{label}: invisible characters in the headline")
    findings.assert_none()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_lists_home_section_tag_author_and_archive(client, corpus, language):
    findings = Findings()
    first = corpus["stories"][0].first_published_at
    findings.check(f"home {language}", client.get(f"/{language}/"))
    findings.check(f"archive {language}", client.get(f"/{language}/archive/{first.year}/{first.month}/"))
    for index in range(len(corpus["stories"])):
        for kind in ("section", "tag", "author"):
            findings.check(f"{kind} {language} #{index}", client.get(f"/{language}/{kind}/xss-{index}/"))
    findings.assert_none()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_search_results_with_highlighting(client, corpus, language):
    findings = Findings()
    word = "العراق" if language == "ar" else "Iraq"
    for query in (word, "alert script", "onerror", "javascript", "evil.example"):
        findings.check(f"search {language} {query!r}", client.get(f"/{language}/search/", {"q": query}))
    for index, payload in enumerate(PAYLOADS):
        findings.check(f"search {language} for payload #{index}", client.get(f"/{language}/search/", {"q": payload}))
    findings.assert_none()


def _feed_html(label: str, response, findings: Findings):
    """A feed must be well-formed XML whose HTML parts (descriptions, content) are harmless."""
    findings.pages += 1
    if response.status_code != 200:
        findings.found.append(f"{label}: HTTP {response.status_code}")
        return
    try:
        root = ElementTree.fromstring(response.content)
    except ElementTree.ParseError as error:
        findings.found.append(f"{label}: not well-formed XML ({error})")
        return
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("description", "summary", "content") and element.text:
            findings.found.extend(f"{label} <{name}>: {p}" for p in dangers(element.text))
        for attribute in ("href", "src"):
            value = element.get(attribute) or ""
            if value.replace(" ", "").lower().startswith(("javascript:", "data:", "vbscript:")):
                findings.found.append(f"{label}: script URL in {name}@{attribute}")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_feeds(client, corpus, language):
    findings = Findings()
    for kind in ("rss", "atom"):
        _feed_html(f"{kind} {language}", client.get(f"/{language}/feeds/{kind}/"), findings)
        for index in range(len(PAYLOADS)):
            _feed_html(
                f"section {kind} {language} #{index}", client.get(f"/{language}/section/xss-{index}/{kind}/"), findings
            )
    findings.assert_none()


def test_sitemaps(client, corpus):
    findings = Findings()
    for address in (
        "/sitemap.xml",
        "/sitemap-stories-ar.xml",
        "/sitemap-stories-en.xml",
        "/sitemap-sections.xml",
        "/sitemap-news.xml",
    ):
        _feed_html(address, client.get(address), findings)
    findings.assert_none()


def test_desk_screens(client, corpus):
    """The story form, history, revision, compare and preview, the lists and the library, as a superuser."""
    client.force_login(corpus["chief"])
    findings = Findings()
    for index, article in enumerate(corpus["stories"]):
        base = f"/admin/articles/article/{article.pk}"
        screens = {
            "change form": f"{base}/change/",
            "history": f"{base}/history/",
            "revision": f"{base}/revision/2/",
            # Inline, both revisions' text in one view (side by side draws the same runs).
            "compare": f"{base}/compare/?old=1&new=2&view=inline",
            "preview ar": f"{base}/revision/2/preview/?language=ar",
            "preview en": f"{base}/revision/2/preview/?language=en",
            "section form": f"/admin/articles/section/{article.section_id}/change/",
            "image form": f"/admin/articles/image/{article.lead_image_id}/change/",
        }
        for name, address in screens.items():
            findings.check(f"{name} #{index}", client.get(address, headers={"accept-language": "en"}))
    for listing in ("article", "revision", "transition", "correction", "image", "tag", "author", "section"):
        findings.check(f"{listing} list", client.get(f"/admin/articles/{listing}/"))
    findings.check("desk", client.get("/admin/"))
    findings.check("review queue", client.get("/admin/articles/article/review/"))
    findings.assert_none()
