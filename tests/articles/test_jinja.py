"""The public pages' Jinja2 engine prints what Django's templates printed (``articles.jinja``).

The pages were moved from Django's template engine to Jinja2 for speed;
what readers get must not change by a byte: Django's escaping, Django's
localizing, nothing for a missing value, ``{% blocktranslate %}``'s
treatment of a sentence with values in it. The pagination is kept in both
engines (live coverage's Django template includes it): both must print the
same.
"""

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from articles import jinja
from articles.search import Query
from tests.factories import published

pytestmark = pytest.mark.django_db

TRICKY = """<b>"quoted" & 'single'</b>"""


def _public(source: str, **context) -> str:
    return engines["public"].from_string(source).render(context)


def _django(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_values_are_escaped_as_djangos_engine_escapes_them():
    assert _public("{{ v }}", v=TRICKY) == _django("{{ v }}", v=TRICKY)
    assert _public("{{ v }}", v=TRICKY) == "&lt;b&gt;&quot;quoted&quot; &amp; &#x27;single&#x27;&lt;/b&gt;"


def test_safe_values_numbers_and_nothing_print_as_in_djangos_engine():
    from django.utils.safestring import mark_safe

    for value in (mark_safe("<em>safe</em>"), 12345, 3.5, None, True, ["a", "<b>"]):
        assert _public("{{ v }}", v=value) == _django("{{ v }}", v=value), value
    # A missing value, or an attribute of one, prints nothing (Jinja's own would print or raise).
    assert _public("[{{ missing }}|{{ missing.attr.deeper }}]") == _django("[{{ missing }}|{{ missing.attr.deeper }}]")


def test_a_sentence_with_values_escapes_the_values_but_not_the_translation():
    assert (
        jinja.fill("<q>%(text)s</q>", text=TRICKY)
        == "<q>&lt;b&gt;&quot;quoted&quot; &amp; &#x27;single&#x27;&lt;/b&gt;</q>"
    )
    with translation.override("ar"):
        arabic = _public('{{ _("Page %(number)s of %(total)s")|fill(number=3|digits, total=12|digits) }}')
        django = _django(
            "{% load i18n public %}{% blocktranslate with number=3|digits total=12|digits %}Page {{ number }} of {{ total }}{% endblocktranslate %}"
        )
    assert arabic == django and "٣" in arabic and "١٢" in arabic


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("number", [1, 2, 5])
@pytest.mark.parametrize("text", [None, "", TRICKY, "بغداد القاهرة"])
def test_the_pagination_prints_the_same_in_both_engines(language, number, text):
    page = Paginator(list(range(95)), 20).page(number)
    query = None if text is None else Query.parse(text, language)
    with translation.override(language):
        in_jinja = render_to_string("includes/pagination.html", {"page": page, "query": query}, using="public")
        in_django = render_to_string("includes/pagination.html", {"page": page, "query": query}, using="django")
    assert in_jinja == in_django
    assert 'class="pagination"' in in_jinja


def test_one_page_prints_no_pagination_in_either_engine():
    page = Paginator([1, 2], 20).page(1)
    for using in ("public", "django"):
        assert render_to_string("includes/pagination.html", {"page": page}, using=using).strip() == ""


def test_the_public_pages_are_drawn_by_the_public_engine(client):
    story = published(headline_ar="افتتاح جسر جديد")
    with translation.override("ar"):
        address = story.get_absolute_url()
    pages = {
        "/ar/": "articles/home.html",
        address: "articles/story.html",
        "/ar/search/?q=جسر": "articles/search.html",
        "/ar/no-such-page/": "404.html",
    }
    for path, name in pages.items():
        response = client.get(path)
        # (The layout's pieces, drawn once per process by Django's engine, may be listed beside it.)
        assert [t.name for t in response.templates if isinstance(t, jinja.PublicTemplate)] == [name], path
        assert response.content.decode().startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">'), path


def test_a_search_for_markup_prints_it_escaped_in_the_form(client):
    page = client.get("/ar/search/", {"q": TRICKY}).content.decode()
    assert 'value="&lt;b&gt;&quot;quoted&quot; &amp; &#x27;single&#x27;&lt;/b&gt;"' in page
    assert TRICKY not in page
