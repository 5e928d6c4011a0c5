"""The public selectors' answers for the trickier cases."""

import pytest

from articles import selectors
from tests.factories import SectionFactory, published

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
