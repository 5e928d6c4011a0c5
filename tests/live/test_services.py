"""Opening and closing coverage, entries and their revisions, banners: the rules and what they write."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import services as article_services
from articles.models import Transition
from articles.signals import pages_changed
from articles.workflow import Action, MoveRefused, State
from live import services
from live.models import Banner, Coverage, EntryRevision
from tests.factories import EditorFactory, draft, published
from tests.live.conftest import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    """The keys ``pages_changed`` announced (after commit)."""
    keys = []

    def receiver(sender, *, keys: list, **kwargs):
        sent_keys.extend(keys)

    sent_keys = keys
    pages_changed.connect(receiver, dispatch_uid="test.live.sent")
    yield keys
    pages_changed.disconnect(dispatch_uid="test.live.sent")


def test_a_moderator_opens_coverage_as_a_recorded_move_that_keeps_the_state(story, moderator, reporter):
    coverage = services.coverage_open(article=story, user=moderator, staff=[reporter], comment="Summit")
    move = Transition.objects.filter(article=story).first()
    assert (move.action, move.from_state, move.to_state, move.actor, move.comment) == (
        Action.OPEN_COVERAGE,
        State.PUBLISHED,
        State.PUBLISHED,
        moderator,
        "Summit",
    )
    assert coverage.is_open and list(coverage.staff.all()) == [reporter]


def test_coverage_can_be_opened_for_a_draft_which_still_goes_through_review(moderator, editor):
    article = draft(editor)
    services.coverage_open(article=article, user=moderator)
    article.refresh_from_db()
    assert article.status == State.DRAFT and not article.is_live


def test_an_editor_cannot_open_coverage(story, editor):
    with pytest.raises(MoveRefused):
        services.coverage_open(article=story, user=editor)
    assert not Coverage.objects.exists()
    assert not Transition.objects.filter(action=Action.OPEN_COVERAGE).exists()


def test_open_coverage_cannot_be_opened_again(coverage, moderator):
    with pytest.raises(MoveRefused, match="already open"):
        services.coverage_open(article=coverage.article, user=moderator)
    assert Transition.objects.filter(action=Action.OPEN_COVERAGE).count() == 1


def test_coverage_of_a_trashed_story_cannot_be_opened(moderator, editor):
    article = draft(editor)
    article_services.article_trash(article=article, user=editor)
    with pytest.raises(MoveRefused):
        services.coverage_open(article=article, user=moderator)


def test_closing_records_the_move_and_stops_entries(coverage, moderator, reporter):
    post(coverage, reporter)
    closed = services.coverage_close(coverage=coverage, user=moderator, comment="Over")
    assert closed.closed_at is not None and closed.closed_by == moderator
    assert Transition.objects.filter(action=Action.CLOSE_COVERAGE, comment="Over").exists()
    with pytest.raises(ValidationError, match="closed"):
        post(coverage, reporter)
    with pytest.raises(MoveRefused, match="no open live coverage"):
        services.coverage_close(coverage=coverage, user=moderator)
    assert closed.entries.count() == 1  # the page keeps its entries


def test_closed_coverage_can_be_reopened_with_its_entries(coverage, moderator, reporter):
    post(coverage, reporter)
    services.coverage_close(coverage=coverage, user=moderator)
    reopened = services.coverage_open(article=coverage.article, user=moderator)
    assert reopened.pk == coverage.pk and reopened.is_open and reopened.entries.count() == 1


def test_named_staff_and_moderators_post_other_editors_do_not(coverage, reporter, moderator):
    post(coverage, reporter)
    post(coverage, moderator)
    with pytest.raises(PermissionDenied):
        post(coverage, EditorFactory(username="bystander"))
    assert coverage.entries.count() == 2


def test_a_departed_staff_member_cannot_post(coverage, reporter):
    reporter.is_active = False
    reporter.save()
    with pytest.raises(PermissionDenied):
        post(coverage, reporter)


def test_entry_text_is_sanitised_like_the_body(coverage, reporter):
    entry = post(
        coverage,
        reporter,
        ar='<p onclick="steal()">نص<script>alert(1)</script></p><a href="javascript:x()">رابط</a>',
        en="<p>Text\u202e</p>",
    )
    assert "script" not in entry.body_ar and "onclick" not in entry.body_ar and "javascript" not in entry.body_ar
    assert entry.body_en == "<p>Text</p>"


def test_an_empty_entry_is_refused(coverage, reporter):
    with pytest.raises(ValidationError, match="cannot be empty"):
        post(coverage, reporter, ar="<p> </p><script></script>", en="")
    assert not coverage.entries.exists()


def test_a_quote_alone_is_an_entry(coverage, reporter):
    entry = post(coverage, reporter, ar="", en="", quote_ar="لا سلام بلا إعمار", quote_by_ar="الرئيس")
    assert entry.quote_ar == "لا سلام بلا إعمار"


def test_every_change_is_a_numbered_revision_and_raises_the_version(coverage, reporter, moderator):
    entry = post(coverage, reporter)
    entry = services.entry_edit(entry=entry, user=reporter, body_en="<p>Breaking: talks resume</p>")
    entry = services.entry_pin(entry=entry, user=moderator, pinned=True)
    entry = services.entry_mark_key_event(entry=entry, user=moderator, key_event=True)
    services.entry_correct(entry=entry, user=moderator, kind="correction", text_ar="صُحّح الاسم")
    entry = services.entry_remove(entry=entry, user=moderator)
    revisions = list(EntryRevision.objects.filter(entry=entry).order_by("number"))
    assert [(r.number, r.change) for r in revisions] == [
        (1, "posted"),
        (2, "edited"),
        (3, "pinned"),
        (4, "key_event"),
        (5, "corrected"),
        (6, "removed"),
    ]
    assert revisions[1].snapshot["body_en"] == "<p>Breaking: talks resume</p>"
    assert revisions[4].snapshot["corrections"] == ["صُحّح الاسم"]
    coverage.refresh_from_db()
    assert coverage.version == 6 and entry.version == 6
    assert entry.is_removed and not entry.pinned and not entry.key_event


def test_a_removed_entry_cannot_be_changed(coverage, reporter):
    entry = services.entry_remove(entry=post(coverage, reporter), user=reporter)
    with pytest.raises(ValidationError, match="removed"):
        services.entry_edit(entry=entry, user=reporter, body_ar="<p>عودة</p>")


def test_editing_refuses_fields_that_are_not_the_entrys(coverage, reporter):
    with pytest.raises(TypeError):
        services.entry_edit(entry=post(coverage, reporter), user=reporter, removed_at=None)


def test_an_entry_change_announces_the_story_key_once_committed(
    coverage, reporter, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(coverage, reporter)
    assert sent == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert set(sent) == {f"story:{coverage.article_id}"}


def test_a_refused_entry_announces_nothing(coverage, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        post(coverage, EditorFactory(username="bystander"))
    assert sent == []


# Banners -----------------------------------------------------------------


def test_a_moderator_raises_a_banner_for_a_live_story_in_one_edition(
    story, moderator, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        banner = services.banner_raise(
            article=story, user=moderator, language="en", ends_at=timezone.now() + timedelta(hours=1)
        )
    assert banner.language == "en" and banner.raised_by == moderator
    assert sent == ["banners"]


def test_an_editor_cannot_raise_a_banner(story, editor):
    with pytest.raises(PermissionDenied):
        services.banner_raise(article=story, user=editor, language="ar", ends_at=timezone.now() + timedelta(hours=1))
    assert not Banner.objects.exists()


@pytest.mark.parametrize(
    "problem",
    ["not live", "no such edition", "ends in the past"],
)
def test_a_banner_readers_could_not_follow_is_refused(moderator, editor, problem):
    article = draft(editor) if problem == "not live" else published(headline_en="", body_en="")
    language = "en" if problem == "no such edition" else "ar"
    ends_at = timezone.now() + (timedelta(minutes=-1) if problem == "ends in the past" else timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.banner_raise(article=article, user=moderator, language=language, ends_at=ends_at)
    assert not Banner.objects.exists()


def test_lowering_a_banner_twice_changes_it_once(story, moderator, second_moderator):
    banner = services.banner_raise(
        article=story, user=moderator, language="ar", ends_at=timezone.now() + timedelta(hours=1)
    )
    services.banner_lower(banner=banner, user=moderator)
    again = services.banner_lower(banner=banner, user=second_moderator)
    assert again.lowered_by == moderator
