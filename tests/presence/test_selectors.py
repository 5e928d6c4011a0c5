"""The heartbeat's one read: the story with the person's standing on it, as the rules say."""

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from presence import rules, selectors
from presence.models import TakeOver
from tests.factories import EditorFactory, ModeratorFactory, UserFactory, draft, published, submitted, trashed

pytestmark = pytest.mark.django_db


def test_the_standing_read_with_the_story_says_what_the_rules_say():
    writer = EditorFactory(username="writer")
    people = [
        EditorFactory(username="editor"),
        ModeratorFactory(username="moderator"),
        ModeratorFactory(username="departed", is_active=False),
        UserFactory(username="chief", is_superuser=True),
        UserFactory(username="reader", is_staff=False),
        UserFactory(username="staff-without-rights"),
    ]
    for story in (draft(writer), submitted(writer), published(writer), trashed(writer)):
        for person in people:
            read = selectors.story_standing(story.pk, person)
            plain = Article.objects.get(pk=story.pk)
            fresh = type(person).objects.get(pk=person.pk)
            assert read.presence_standing.may_see == rules.may_see(fresh, plain), (story.status, person.username)
            assert rules.may_edit(person, read) == rules.may_edit(fresh, plain), (story.status, person.username)


def test_the_standing_is_for_its_own_person_only():
    writer, colleague = EditorFactory(), UserFactory(username="staff-without-rights")
    story = selectors.story_standing(draft(writer).pk, writer)
    assert rules.may_see(writer, story)
    assert not rules.may_see(colleague, story)


def test_no_story_no_standing():
    assert selectors.story_standing(999_999, EditorFactory()) is None
    assert selectors.story_standing(2**64, EditorFactory()) is None


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="statements are kept prepared on PostgreSQL")
def test_on_postgresql_the_standing_read_is_kept_prepared_and_reads_the_same():
    writer, colleague = EditorFactory(), EditorFactory()
    story = draft(writer)
    TakeOver.objects.create(article=story, by=colleague, previous=writer, created_at=timezone.now())
    first = selectors.story_standing(story.pk, writer)
    again = selectors.story_standing(story.pk, writer)
    assert first.presence_standing == again.presence_standing
    assert first.presence_standing.taken_over_from and not first.presence_standing.took_over
    assert selectors.story_standing(story.pk, colleague).presence_standing.took_over
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            [f"%FROM {connection.ops.quote_name(TakeOver._meta.db_table)} t%"],
        )
        assert cursor.fetchone() == (1,)  # one statement for both people, run three times
