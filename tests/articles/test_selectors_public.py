"""The public selectors' answers for the trickier cases."""

import re

import pytest
from django.db import connection

from articles import selectors
from articles.presentation import live_extras_of
from tests.factories import AuthorFactory, ImageFactory, SectionFactory, TagFactory, corrected, published

pytestmark = pytest.mark.django_db


def test_home_page_still_shows_a_section_that_has_not_published_lately(editor, moderator):
    busy = SectionFactory(slug="politics", order=1)
    quiet = SectionFactory(slug="culture", order=2)
    old = published(editor, moderator, section=quiet, headline_ar="خبر ثقافي قديم")
    limit = 1 + selectors.HOME_STORIES_PER_SECTION * 2 * selectors.HOME_RECENT_FACTOR
    for number in range(limit + 2):
        published(editor, moderator, section=busy, headline_ar=f"خبر سياسي {number}")
    home = selectors.home_stories("ar")
    by_section = {group.section.slug: [story.pk for story in group.stories] for group in home.sections}
    assert by_section["culture"] == [old.pk]
    assert len(by_section["politics"]) == selectors.HOME_STORIES_PER_SECTION
    assert home.lead.headline_ar == f"خبر سياسي {limit + 1}"


# --- PostgreSQL: lists counted and paged from the index alone --------------------------


@pytest.mark.postgres
def test_postgres_indexes_of_live_stories_carry_what_lists_and_sitemaps_read():
    """A page count, an English list or a deep sitemap page needs no visit to the story rows.

    At 100,000 stories that took an English section's count and a sitemap
    page from about 100 ms to under 10 (``make bench``).
    """
    if connection.vendor != "postgresql":
        pytest.skip("covering indexes are PostgreSQL's (set DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_article'")
        indexes = dict(cursor.fetchall())
    latest, by_section = indexes["article_live_latest"], indexes["article_live_section"]
    assert "(first_published_at DESC, id DESC) INCLUDE (has_english, last_updated_at, slug)" in latest
    assert "(section_id, first_published_at DESC, id DESC) INCLUDE (has_english)" in by_section
    assert all("WHERE (live_revision_id IS NOT NULL)" in index for index in (latest, by_section))
    sitemap_columns = set(selectors.sitemap_stories("en").query.deferred_loading[0])
    assert sitemap_columns <= {"id", "slug", "has_english", "first_published_at", "last_updated_at"}


@pytest.mark.postgres
def test_postgres_indexes_answer_a_tags_and_an_authors_story_ids():
    """A tag's or author's page finds its stories' ids in indexes alone (migration 0016)."""
    if connection.vendor != "postgresql":
        pytest.skip("covering indexes are PostgreSQL's (set DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'articles_article%'")
        indexes = dict(cursor.fetchall())
    assert (
        "(id) INCLUDE (first_published_at, has_english) WHERE (live_revision_id IS NOT NULL)"
        in (indexes["article_live_by_id"])
    )
    assert "(author_id, article_id)" in indexes["article_author_by_author"]


def test_a_feed_reads_only_what_its_entries_print(django_assert_num_queries):
    story = published(tags=[TagFactory()], authors=[AuthorFactory()], lead_image=ImageFactory())
    corrected(story)
    with django_assert_num_queries(1) as queries:
        (entry,) = selectors.feed_stories("en")
    sql = queries.captured_queries[0]["sql"]
    assert "articles_image" not in sql and "articles_section" not in sql and "body" not in sql
    # Of the live copy only its bylines, tags and corrections: every mention
    # of the column is a key read (PostgreSQL's ->, SQLite's JSON path).
    assert re.findall(r'"live_extras"(?! -> \'|, \'\$\.")', sql) == []
    assert sql.count('"live_extras"') >= 3
    extras = live_extras_of(entry)
    assert [a.pk for a in extras.authors] == [a.pk for a in story.authors.all()]
    assert [t.pk for t in extras.tags] == [t.pk for t in story.tags.all()]
    assert len(extras.corrections) == 1 and extras.corrections[0].text_en == "Correction: a number was wrong."
    assert entry.headline_en == story.headline_en and entry.standfirst_en == story.standfirst_en
