"""Two people, one story, the same instant: the database decides, once.

These need real row locks, so they run on PostgreSQL (DATABASE_URL) and are
reported as skipped on SQLite.
"""

import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone, translation

from articles import services
from articles.models import Article, Transition
from articles.workflow import Action, MoveRefused, State
from tests.factories import EditorFactory, ModeratorFactory, submitted

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (set DATABASE_URL)"),
]


def run_together(*functions):
    """Start every function at the same moment, each on its own connection.

    Each thread speaks the test's language: an active language is per
    thread, and a new one would otherwise start in the site's default, Arabic.
    """
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)
    language = translation.get_language()

    def runner(index, function):
        try:
            barrier.wait()
            with translation.override(language):
                results[index] = function()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_moderators_approving_at_once_publish_once():
    editor = EditorFactory()
    first, second = ModeratorFactory(), ModeratorFactory()
    article = submitted(editor)
    revision = article.review_revision

    results = run_together(
        lambda: services.revision_approve(article=article, revision=revision, user=first),
        lambda: services.revision_approve(article=article, revision=revision, user=second),
    )
    succeeded = [r for r in results if isinstance(r, Article)]
    refused = [r for r in results if isinstance(r, MoveRefused)]
    assert len(succeeded) == 1 and len(refused) == 1, results
    assert "not possible for a story in the state “Published”" in refused[0].messages[0]
    assert Transition.objects.filter(article=article, action=Action.PUBLISH).count() == 1
    assert Article.objects.get(pk=article.pk).status == State.PUBLISHED


def test_two_schedulers_at_once_publish_each_story_once():
    editor, moderator = EditorFactory(), ModeratorFactory()
    at = timezone.now() + timedelta(minutes=1)
    for _ in range(12):
        article = submitted(editor, publish_at=at)
        services.revision_approve(article=article, revision=article.review_revision, user=moderator)

    results = run_together(
        lambda: services.articles_publish_due(now=at),
        lambda: services.articles_publish_due(now=at),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    one, two = ({a.pk for a in result} for result in results)
    assert not one & two
    assert len(one | two) == 12
    assert Transition.objects.filter(action=Action.GO_LIVE).count() == 12
    assert Article.objects.filter(status=State.PUBLISHED).count() == 12


def test_two_editors_saving_the_same_base_at_once_lose_nothing():
    from tests.factories import draft, edit

    first, second = EditorFactory(), EditorFactory()
    article = draft(first)
    base = article.latest_revision
    results = run_together(
        lambda: edit(Article.objects.get(pk=article.pk), first, base=base, headline_ar="نسخة أ"),
        lambda: edit(Article.objects.get(pk=article.pk), second, base=base, headline_ar="نسخة ب"),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(r.conflict for r in results) == [False, True]
    headlines = set(article.revisions.values_list("headline_ar", flat=True))
    assert {"نسخة أ", "نسخة ب"} <= headlines
