"""The database keeps the workflow's columns honest, whatever the code does."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article
from tests.factories import draft, published

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "approved"},
        {"status": "published", "live_revision": None},
        {"status": "in_review", "review_revision": None},
        {"status": "scheduled", "scheduled_revision": None},
    ],
)
def test_inconsistent_states_are_refused_by_the_database(editor, changes):
    article = draft(editor)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(**changes)


def test_a_withdrawn_story_cannot_keep_a_live_revision(editor, moderator):
    article = published(editor, moderator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status="unpublished")


def test_external_ids_are_unique_but_may_be_empty(editor):
    first, second = draft(editor), draft(editor)
    assert first.external_id == second.external_id == ""
    Article.objects.filter(pk=first.pk).update(external_id="wire-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=second.pk).update(external_id="wire-1")
