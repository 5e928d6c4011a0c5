"""The site's search on the relevance set: issue 21's targets, on SQLite and on PostgreSQL.

The corpus is published through the services, and every query asked as the
search page asks it. ``make search-eval`` prints the same figures.
"""

import pytest
from django.db import connection

from .evaluation import FIRST_RIGHT_TARGET, RECALL_TARGET, evaluate_site, load_corpus


@pytest.mark.django_db
def test_search_finds_the_right_stories_and_nothing_else():
    figures = evaluate_site(load_corpus(), name=connection.vendor)
    assert figures.recall >= RECALL_TARGET, figures.misses
    assert not figures.pairs_met
    if connection.vendor == "postgresql":
        # Production's full-text search: ranked, so the first result counts.
        assert figures.first_right_share >= FIRST_RIGHT_TARGET, figures.wrong_first
        assert figures.precision >= 0.98, figures.false_hits
    else:
        # The SQLite fallback lists the newest matches first; it must still find only the right ones.
        assert figures.precision >= 0.98, figures.false_hits
