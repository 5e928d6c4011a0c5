"""The retention report: what a policy would keep of the revision table, and never live, approved or held ones."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Revision
from articles.selectors.retention import RetentionPolicy, revision_retention
from tests.factories import edit, published

pytestmark = pytest.mark.django_db

LATEST_TWO = RetentionPolicy(keep_latest=2, keep_days=0)


@pytest.fixture
def long_history(editor, moderator):
    """A live story (revision 1, approved), then five more saves waiting: revisions 2 to 6."""
    article = published(editor, moderator, headline_ar="خبر له تاريخ طويل")
    for number in range(2, 7):
        edit(article, editor, headline_ar=f"خبر له تاريخ طويل {number}")
    return article


def test_a_policy_frees_only_superseded_saves_never_the_live_or_latest(long_history):
    figures = revision_retention(LATEST_TWO)
    assert figures.revisions == 6
    # Kept: 1 (live and approved), 5 and 6 (the newest two, 6 the latest). Free: 2, 3, 4.
    assert figures.removable == 3
    assert figures.kept["live, latest, in review or scheduled"] == 2
    assert figures.kept["approved or published once"] == 1
    assert figures.kept["among its story's newest 2"] == 2


def test_a_story_under_a_legal_hold_keeps_every_revision(long_history):
    held = RetentionPolicy(keep_latest=2, keep_days=0, held_stories=frozenset({long_history.pk}))
    figures = revision_retention(held)
    assert figures.removable == 0
    assert figures.kept["under a legal hold"] == 6


def test_recent_saves_are_kept_by_the_days_rule(long_history):
    assert revision_retention(RetentionPolicy(keep_latest=1, keep_days=30)).removable == 0
    later = timezone.now() + timedelta(days=31)
    assert revision_retention(RetentionPolicy(keep_latest=1, keep_days=30), now=later).removable == 4


def test_a_restored_revision_is_kept(long_history, editor):
    from articles import services

    services.revision_restore(article=long_history, revision=long_history.revisions.get(number=2), user=editor)
    # 2 is named by the restore (revision 7); 6 and 7 are the newest; 1 is live.
    assert revision_retention(LATEST_TWO).removable == 3  # 3, 4 and 5


def test_the_report_counts_and_deletes_nothing(long_history, capsys):
    call_command("revisions_retention", "--dry-run", "--keep-latest", "2", "--keep-days", "0")
    out = capsys.readouterr().out
    assert "revisions: 6" in out
    assert "removable under this policy: 3" in out
    assert Revision.objects.filter(article=long_history).count() == 6


def test_the_report_refuses_to_run_as_anything_but_a_dry_run(long_history):
    with pytest.raises(CommandError, match="--dry-run"):
        call_command("revisions_retention")
    with pytest.raises(CommandError, match="--keep-latest"):
        call_command("revisions_retention", "--dry-run", "--keep-latest", "0")
