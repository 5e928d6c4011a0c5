"""The editorial desk's reads (the ``# Editorial desk`` part of ``articles/selectors.py``)."""

import pytest

from articles import selectors, services
from articles.models import Article
from tests.factories import AuthorFactory, EditorFactory, SectionFactory, draft, edit, published, submitted

pytestmark = pytest.mark.django_db


def test_compare_defaults_to_the_submission_against_what_is_live(editor, moderator):
    article = published(editor, moderator)
    assert selectors.desk_compare_defaults(article) == (None, 1)
    edit(article, editor, headline_ar="تعديل")
    edit(article, editor, headline_ar="تعديل آخر")
    article.refresh_from_db()
    assert selectors.desk_compare_defaults(article) == (1, 3)
    services.article_submit(article=article, revision=article.latest_revision, user=editor)
    edit(article, editor, headline_ar="بعد التقديم")
    article.refresh_from_db()
    assert selectors.desk_compare_defaults(article) == (1, 3)


def test_compare_defaults_to_the_revision_before_for_a_story_never_published(editor):
    article = draft(editor)
    edit(article, editor, headline_ar="ثانية")
    article.refresh_from_db()
    assert selectors.desk_compare_defaults(article) == (1, 2)


def test_a_return_stands_until_the_story_moves_again(editor, moderator):
    article = submitted(editor)
    services.article_request_changes(article=article, user=moderator, comment="أعد الصياغة")
    assert [move.comment for move in selectors.desk_returned_to(editor)] == ["أعد الصياغة"]
    assert not selectors.desk_returned_to(EditorFactory())
    services.article_submit(article=article, revision=article.latest_revision, user=editor)
    assert not selectors.desk_returned_to(editor)


def test_desk_filters_read_the_revision_they_are_given(editor):
    writer, sport = AuthorFactory(), SectionFactory(slug="sport")
    article = submitted(editor)
    edit(article, editor, section=sport, authors=[writer], headline_en="", body_en="")
    stories = Article.objects.all()
    assert list(selectors.desk_filter(stories, section=sport.pk)) == [article]
    assert not selectors.desk_filter(stories, revision="review_revision", section=sport.pk)
    assert list(selectors.desk_filter(stories, author=writer.pk)) == [article]
    assert list(selectors.desk_filter(stories, english="no")) == [article]
    assert list(selectors.desk_filter(stories, revision="review_revision", english="yes")) == [article]


def test_the_list_and_the_queue_read_no_body_text(editor):
    submitted(editor)
    for queryset in (selectors.desk_stories(), selectors.desk_review_queue()):
        sql = str(queryset.query)
        assert '"body_ar"' not in sql and '"body"' not in sql and '"standfirst"' not in sql
