"""The management commands: thin wrappers with a clear summary."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.workflow import State
from tests.factories import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_story(editor, moderator):
    article = submitted(editor, publish_at=timezone.now() + timedelta(seconds=2))
    services.revision_approve(article=article, revision=article.review_revision, user=moderator)
    Article.objects.filter(pk=article.pk).update(go_live_at=timezone.now() - timedelta(seconds=1))
    return article


def test_dry_run_lists_what_is_due_and_publishes_nothing(due_story, capsys):
    call_command("publish_scheduled", "--dry-run")
    assert "1 story due" in capsys.readouterr().out
    assert Article.objects.get(pk=due_story.pk).status == State.SCHEDULED


def test_publish_scheduled_publishes_what_is_due_once(due_story, capsys):
    call_command("publish_scheduled")
    assert "1 story published" in capsys.readouterr().out
    assert Article.objects.get(pk=due_story.pk).status == State.PUBLISHED
    call_command("publish_scheduled")
    assert "0 stories published" in capsys.readouterr().out


def test_live_refresh_rewrites_every_live_copy_in_the_current_shape(editor, moderator, capsys):
    from articles.models.extras import VERSION
    from tests.factories import draft, published

    story = published(editor, moderator)
    draft(editor)  # not live: left alone
    Article.objects.filter(pk=story.pk).update(live_extras={}, search_text_ar="")
    call_command("live_refresh", "--dry-run")
    assert "1 live stories would be refreshed" in capsys.readouterr().out
    assert Article.objects.get(pk=story.pk).live_extras == {}
    call_command("live_refresh")
    assert "1 live stories refreshed" in capsys.readouterr().out
    story = Article.objects.get(pk=story.pk)
    assert story.live_extras["version"] == VERSION and story.live_extras["section"]["slug"] == "politics"
    assert " تحالف " in story.search_text_ar
