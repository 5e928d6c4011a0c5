"""Background work goes through the task queue, and a worker runs it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.tasks import publish_due_stories
from articles.workflow import State
from tests.factories import submitted

# The worker closes database connections between tasks, as it should in
# production; so these tests commit for real instead of running in a
# transaction that would be closed under them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def due_story(editor, moderator):
    article = submitted(editor, publish_at=timezone.now() + timedelta(minutes=5))
    services.revision_approve(article=article, revision=article.review_revision, user=moderator)
    Article.objects.filter(pk=article.pk).update(go_live_at=timezone.now() - timedelta(seconds=1))
    return article


def test_a_queued_task_waits_for_the_worker(due_story, settings):
    settings.TASKS = QUEUED
    result = publish_due_stories.enqueue()
    assert Article.objects.get(pk=due_story.pk).status == State.SCHEDULED
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    result.refresh()
    assert result.return_value == [due_story.pk]
    assert Article.objects.get(pk=due_story.pk).status == State.PUBLISHED


def test_the_scheduler_queues_the_publishing_task(due_story, settings, capsys):
    settings.TASKS = QUEUED
    call_command("run_scheduler", "--once")
    assert "queued publish_due_stories" in capsys.readouterr().out
    assert Article.objects.get(pk=due_story.pk).status == State.SCHEDULED
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert Article.objects.get(pk=due_story.pk).status == State.PUBLISHED


def test_in_development_tasks_run_at_once(due_story):
    result = publish_due_stories.enqueue()
    assert result.return_value == [due_story.pk]


def test_renditions_are_made_by_the_worker_not_the_upload(settings, editor):
    from django.core.files.base import ContentFile

    from articles.models import Rendition
    from articles.services.media import image_create
    from tests.factories import image_bytes

    settings.TASKS = QUEUED
    image = image_create(user=editor, file=ContentFile(image_bytes(size=(900, 600)), name="m.jpg"), alt_ar="صورة")
    assert not Rendition.objects.filter(image=image).exists()  # the upload did not wait for resizing
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert set(Rendition.objects.filter(image=image, crop="").values_list("format", "width")) == {
        ("jpeg", 480),
        ("jpeg", 800),
        ("jpeg", 900),
        ("webp", 480),
        ("webp", 800),
        ("webp", 900),
    }
