"""The demo newsroom shows a parallel revision and a take-over, once."""

import pytest
from django.core.management import call_command

from articles.models import Article
from presence.models import ParallelRevision, TakeOver

pytestmark = pytest.mark.django_db


def _load(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_editor_is_told_of_a_parallel_revision_and_loading_again_changes_nothing(
    settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _load(settings)
    story = Article.objects.get(external_id="demo-world-red-sea")
    [notice] = ParallelRevision.objects.filter(article=story)
    assert (notice.user.username, notice.revision.created_by.username) == ("editor", "moderator")
    assert TakeOver.objects.filter(article=story).count() == 1
    revisions = story.revisions.count()
    with django_capture_on_commit_callbacks(execute=True):
        _load(settings)
    assert (story.revisions.count(), ParallelRevision.objects.count(), TakeOver.objects.count()) == (revisions, 1, 1)
