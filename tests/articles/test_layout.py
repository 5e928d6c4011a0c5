"""The shared layout (masthead navigation, footer, head links) is drawn once per language and navigation.

``templatetags.public.layout_piece`` keeps each piece drawn under what it shows;
``selectors.navigation`` says when the sections may have changed. A renamed
section must show on the next page, however the page was served.
"""

import pytest
from django.utils import timezone

from articles.models import Section
from articles.selectors import public
from articles.services.library import library_save
from tests.factories import SectionFactory, published

pytestmark = pytest.mark.django_db


def _navigation(client, path="/ar/") -> str:
    page = client.get(path).content.decode()
    return page[page.index('<nav class="sections"') : page.index("</nav>")]


def _rename(section, name_ar):
    section.name_ar = name_ar
    library_save(obj=section)


@pytest.fixture
def politics():
    section = SectionFactory(slug="politics", name_ar="سياسة", name_en="Politics")
    published(section=section)
    return section


@pytest.mark.parametrize("page_cache", [True, False])
def test_a_renamed_section_shows_in_the_masthead_on_the_next_request(
    client, settings, politics, page_cache, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = page_cache
    settings.NEWSROOM_PAGE_CACHE_CHECK_SECONDS = 60  # remembered by the process, as in production
    public.forget_navigation()
    assert "سياسة" in _navigation(client)
    assert "سياسة" in _navigation(client)  # drawn from memory the second time
    with django_capture_on_commit_callbacks(execute=True):
        _rename(politics, "الشؤون السياسية")
    assert "الشؤون السياسية" in _navigation(client)
    assert "الشؤون السياسية" in _navigation(client, "/ar/section/politics/")


def test_a_section_renamed_by_another_server_shows_within_the_check_interval(client, settings, politics, monkeypatch):
    """Without the page cache's versions, the sections are read again once the interval has passed."""
    settings.NEWSROOM_PAGE_CACHE = False
    settings.NEWSROOM_PAGE_CACHE_CHECK_SECONDS = 1.0
    now = [1000.0]
    monkeypatch.setattr(public, "_clock", lambda: now[0])
    public.forget_navigation()
    assert "سياسة" in _navigation(client)
    # Another app server's change: no signal in this process.
    Section.objects.filter(pk=politics.pk).update(name_ar="الشؤون السياسية")
    now[0] += 0.5
    assert "سياسة" in _navigation(client)
    now[0] += 0.6
    assert "الشؤون السياسية" in _navigation(client)


def test_the_navigation_marks_the_section_page_it_is_on(client, politics):
    other = SectionFactory(slug="economy", name_ar="اقتصاد")
    published(section=other)
    on_politics = _navigation(client, "/ar/section/politics/")
    assert 'href="/ar/section/politics/" aria-current="page"' in on_politics
    assert 'href="/ar/section/economy/" aria-current' not in on_politics
    on_home = _navigation(client)
    assert "aria-current" not in on_home
    assert 'href="/ar/section/economy/" aria-current="page"' in _navigation(client, "/ar/section/economy/")


def test_each_edition_gets_its_own_layout(client, politics):
    assert "سياسة" in _navigation(client, "/ar/")
    english = client.get("/en/").content.decode()
    assert "Politics" in english[english.index('<nav class="sections"') :]
    assert 'href="/en/feeds/rss/"' in english


def test_the_footer_links_this_months_archive(client, settings, politics, monkeypatch):
    settings.NEWSROOM_PAGE_CACHE = False
    page = client.get("/ar/").content.decode()
    today = timezone.localdate()
    assert f'href="/ar/archive/{today.year}/{today.month}/"' in page
    later = today.replace(year=today.year + 1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    assert f'href="/ar/archive/{later.year}/{later.month}/"' in client.get("/ar/").content.decode()
