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
from articles.models import Article, Tag, Transition
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


def test_a_refresh_racing_a_publication_loses_neither(monkeypatch):
    """A tag is renamed while a new revision is going live: the story ends with the new byline and the new name.

    The publication holds the story's row from its first statement; the
    refresh the rename triggers starts while it does. Without the row lock
    the refresh would read the old byline and write it over the new one.
    """
    import time

    from articles import search
    from articles.services import library, moves
    from tests.factories import AuthorFactory, TagFactory, draft, edit

    editor, moderator = EditorFactory(), ModeratorFactory()
    first, second = AuthorFactory(slug="sara"), AuthorFactory(slug="omar")
    tag = TagFactory(slug="volcano", name_ar="البركان")
    article = draft(editor, authors=[first], tags=[tag])
    services.revision_approve(
        article=services.article_submit(article=article, revision=article.latest_revision, user=editor),
        revision=Article.objects.get(pk=article.pk).review_revision,
        user=moderator,
    )
    edit(Article.objects.get(pk=article.pk), editor, authors=[first, second], headline_ar="عنوان الطبعة الثانية")
    article = services.article_submit(
        article=Article.objects.get(pk=article.pk),
        revision=Article.objects.get(pk=article.pk).latest_revision,
        user=editor,
    )

    publishing = threading.Event()
    renditions = moves.story_renditions_ensure

    def slow_renditions(*, article):
        # Inside the publication's transaction, its live rows written, its
        # extras not yet: let the rename and its refresh start now.
        publishing.set()
        time.sleep(1.5)
        renditions(article=article)

    monkeypatch.setattr(moves, "story_renditions_ensure", slow_renditions)

    def publish():
        return services.revision_approve(article=article, revision=article.review_revision, user=moderator)

    def rename():
        publishing.wait(timeout=10)
        renamed = Tag.objects.get(pk=tag.pk)
        renamed.name_ar = "الفيضان"
        library.library_save(obj=renamed)

    results = run_together(publish, rename)
    assert not [r for r in results if isinstance(r, Exception)], results

    extras = Article.objects.get(pk=article.pk).live_extras
    assert [a["slug"] for a in extras["authors"]] == ["sara", "omar"]
    assert [t["name_ar"] for t in extras["tags"]] == ["الفيضان"]
    found = list(search.article_search(search.Query.parse("الفيضان الطبعة", "ar")))
    assert [story.pk for story in found] == [article.pk]
    assert not search.article_search(search.Query.parse("البركان", "ar")).exists()
