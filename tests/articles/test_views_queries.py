"""What each public page costs the database, pinned.

Counted with an empty cache; a cached page costs none.
Each page is measured on a small newsroom and on one with many more tags,
authors, corrections, related stories and listed stories; the counts must
be the same, so nothing is loaded once per item.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import AuthorFactory, ImageFactory, TagFactory, corrected, published

pytestmark = pytest.mark.django_db

# Queries per page, uncached, with an empty cache (so the sections of the
# navigation are read too; afterwards they come from the cache). A story's
# bylines, tags and corrections come with its row (``live_extras``) and a
# picture's renditions with the picture (``Image.sources``).
EXPECTED = {
    "home": 3,  # the newest ids and their sections, the stories chosen (with section and picture), sections
    # What apps add to the story (live coverage, ``articles.extensions``) is
    # asked in the story's own query: a story they add nothing to costs no more.
    # Its related stories still live and its drawn parts (``articles.rendered``) come with it too.
    "story": 2,  # the story (its section, picture, bylines, tags, corrections, related stories, drawn parts), sections
    "story en": 2,
    "section": 3,  # count, page of stories, sections (the section itself is one of the navigation's)
    "tag": 4,
    "author": 4,
    "archive": 3,  # count, stories, sections
    "search": 3,  # the ranked ids, the page's stories with their sections, sections for the navigation
    "rss": 1,  # stories
    "atom": 1,
    "section rss": 2,  # + the section
    # How many stories a list has is kept until the next change readers can
    # see (``selectors.list_facts``): counted here, with the cache empty.
    "sitemap": 3,  # the index: per edition how many stories and the newest change (2), the sections
    "sitemap stories": 2,  # how many and the newest change (to number the pages), one page of them
    "news sitemap": 2,  # one query per edition
}


def _newsroom(size: int):
    tags = [TagFactory(slug=f"tag-{i}") for i in range(size)]
    authors = [AuthorFactory(slug=f"author-{i}") for i in range(size)]
    # Earlier coverage first: the main story's related stories and the lists' other stories.
    for i in range(size * 2):
        published(tags=tags[:1], authors=authors[:1], lead_image=ImageFactory(), headline_ar=f"خبر التحالف {i}")
    main = published(tags=tags, authors=authors, lead_image=ImageFactory(), headline_en="Coalition talks")
    for _ in range(size):
        corrected(main)
    return main


def _paths(main):
    local = timezone.localtime(main.first_published_at)
    return {
        "home": "/ar/",
        "story": f"/ar/news/{main.pk}/{main.slug}/",
        "story en": f"/en/news/{main.pk}/{main.slug}/",
        "section": "/ar/section/politics/",
        "tag": "/ar/tag/tag-0/",
        "author": "/ar/author/author-0/",
        "archive": f"/ar/archive/{local.year}/{local.month}/",
        "search": "/ar/search/?q=التحالف",
        "rss": "/ar/feeds/rss/",
        "atom": "/en/feeds/atom/",
        "section rss": "/ar/section/politics/rss/",
        "sitemap": "/sitemap.xml",
        "sitemap stories": "/sitemap-stories-ar.xml",
        "news sitemap": "/sitemap-news.xml",
    }


def _count(client, path) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_query_count_of_each_page_is_pinned_and_does_not_grow(client):
    small = {page: _count(client, path) for page, path in _paths(_newsroom(1)).items()}
    assert small == EXPECTED
    # Six tags, authors and corrections on the story, twelve related and
    # listed stories: the same number of queries.
    large = {page: _count(client, path) for page, path in _paths(_newsroom(6)).items()}
    assert large == EXPECTED


def test_a_cached_page_costs_no_query(client, django_assert_num_queries):
    paths = _paths(_newsroom(2))
    for path in paths.values():
        client.get(path)
    with django_assert_num_queries(0):
        for path in paths.values():  # search too: its results are kept per query
            assert client.get(path).status_code == 200
