"""Moving stories through the workflow, as editors and moderators do."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import services
from articles.models import Article, Correction, Transition
from articles.signals import live_changed
from articles.workflow import Action, MoveRefused, State
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    ImageFactory,
    ModeratorFactory,
    TagFactory,
    draft,
    edit,
    published,
    submitted,
)

pytestmark = pytest.mark.django_db


def moves(article):
    return list(article.transitions.order_by("created_at", "id").values_list("action", "from_state", "to_state"))


class TestSubmit:
    def test_editor_submits_the_current_revision(self, editor):
        article = draft(editor)
        services.article_submit(article=article, revision=article.latest_revision, user=editor, note="جاهز")
        article.refresh_from_db()
        assert article.status == State.IN_REVIEW
        assert article.review_revision == article.latest_revision
        move = article.transitions.get()
        assert (move.action, move.from_state, move.to_state) == (Action.SUBMIT, State.DRAFT, State.IN_REVIEW)
        assert (move.actor, move.revision, move.comment) == (editor, article.latest_revision, "جاهز")
        assert move.created_at is not None

    def test_an_old_revision_cannot_be_submitted(self, editor):
        article = draft(editor)
        first = article.latest_revision
        edit(article, editor, headline_ar="أحدث")
        with pytest.raises(MoveRefused, match="Revision 1 is not the current version"):
            services.article_submit(article=article, revision=first, user=editor)

    def test_an_incomplete_story_is_refused_with_each_missing_field(self, editor):
        article = draft(editor, body_ar="", section=None)
        with pytest.raises(MoveRefused) as refused:
            services.article_submit(article=article, revision=article.latest_revision, user=editor)
        assert {"body_ar", "section"} <= set(refused.value.message_dict)
        article.refresh_from_db()
        assert article.status == State.DRAFT
        assert not article.transitions.exists()

    def test_editor_can_withdraw_a_submission(self, editor):
        article = submitted(editor)
        services.article_withdraw(article=article, user=editor)
        article.refresh_from_db()
        assert (article.status, article.review_revision) == (State.DRAFT, None)


class TestApprove:
    def test_moderator_publishes_exactly_the_submitted_revision(self, editor, moderator):
        author, tag = AuthorFactory(), TagFactory()
        article = submitted(editor, authors=[author], tags=[tag])
        revision = article.review_revision
        services.revision_approve(article=article, revision=revision, user=moderator, comment="ممتاز")
        article.refresh_from_db()
        assert article.status == State.PUBLISHED
        assert article.live_revision == revision
        assert article.headline_ar == revision.headline_ar
        assert article.body_en == revision.body_en
        assert list(article.authors.all()) == [author]
        assert list(article.tags.all()) == [tag]
        assert article.first_published_at is not None
        assert article.has_english
        assert moves(article)[-1] == (Action.PUBLISH, State.IN_REVIEW, State.PUBLISHED)

    def test_approval_is_refused_when_the_editor_saved_again(self, editor, moderator):
        article = submitted(editor)
        reviewed = article.review_revision
        edit(article, editor, body_ar="<p>نص لم يقرأه المراجع</p>")
        with pytest.raises(MoveRefused) as refused:
            services.revision_approve(article=article, revision=reviewed, user=moderator)
        assert "Revision 1 is not the current version" in refused.value.message_dict["revision"][0]
        article.refresh_from_db()
        assert article.status == State.IN_REVIEW
        assert article.live_revision is None
        assert not Article.objects.live().exists()

    def test_the_newer_revision_cannot_be_approved_until_it_is_submitted(self, editor, moderator):
        article = submitted(editor)
        newer = edit(article, editor, body_ar="<p>أحدث</p>").revision
        with pytest.raises(MoveRefused, match="not the one submitted"):
            services.revision_approve(article=article, revision=newer, user=moderator)
        services.article_submit(article=article, revision=newer, user=editor)
        services.revision_approve(article=article, revision=newer, user=moderator)
        article.refresh_from_db()
        assert article.live_revision == newer

    def test_a_moderator_cannot_approve_their_own_revision(self, moderator):
        article = submitted(moderator)
        with pytest.raises(MoveRefused, match="four-eyes"):
            services.revision_approve(article=article, revision=article.review_revision, user=moderator)

    def test_four_eyes_can_be_switched_off_for_small_newsrooms(self, moderator, settings):
        settings.NEWSROOM_FOUR_EYES = False
        article = submitted(moderator)
        services.revision_approve(article=article, revision=article.review_revision, user=moderator)
        article.refresh_from_db()
        assert article.is_live

    def test_an_editor_cannot_approve(self, editor):
        article = submitted(editor)
        with pytest.raises(MoveRefused, match="You may not do this: Approve and publish"):
            services.revision_approve(article=article, revision=article.review_revision, user=EditorFactory())
        article.refresh_from_db()
        assert article.status == State.IN_REVIEW

    def test_lead_image_without_alt_text_blocks_publication(self, editor, moderator):
        image = ImageFactory()
        article = submitted(editor, lead_image=image)
        image.alt_ar = ""  # the picture's description was removed after submission
        image.save()
        with pytest.raises(MoveRefused) as refused:
            services.revision_approve(article=article, revision=article.review_revision, user=moderator)
        assert "lead_image" in refused.value.message_dict

    def test_approving_an_update_replaces_the_live_copy(self, editor, moderator):
        article = published(editor, moderator, tags=[TagFactory(slug="old")])
        first_published = article.first_published_at
        new_tag = TagFactory(slug="new")
        revision = edit(article, editor, headline_ar="عنوان محدث", tags=[new_tag]).revision
        services.article_submit(article=article, revision=revision, user=editor)
        services.revision_approve(article=article, revision=revision, user=moderator)
        article.refresh_from_db()
        assert article.headline_ar == "عنوان محدث"
        assert [tag.slug for tag in article.tags.all()] == ["new"]
        assert article.first_published_at == first_published
        assert article.last_updated_at > first_published


class TestRequestChanges:
    def test_moderator_returns_the_story_with_a_comment(self, editor, moderator):
        article = submitted(editor)
        services.article_request_changes(article=article, user=moderator, comment="أضف مصدرا للخبر")
        article.refresh_from_db()
        assert (article.status, article.review_revision) == (State.DRAFT, None)
        move = article.transitions.latest("created_at")
        assert (move.action, move.comment, move.actor) == (Action.REQUEST_CHANGES, "أضف مصدرا للخبر", moderator)

    def test_a_comment_is_required(self, editor, moderator):
        article = submitted(editor)
        with pytest.raises(MoveRefused) as refused:
            services.article_request_changes(article=article, user=moderator, comment="")
        assert "comment" in refused.value.message_dict


class TestSchedule:
    def test_a_future_publish_time_schedules_the_story(self, editor, moderator):
        at = timezone.now() + timedelta(hours=2)
        article = submitted(editor, publish_at=at)
        services.revision_approve(article=article, revision=article.review_revision, user=moderator)
        article.refresh_from_db()
        assert article.status == State.SCHEDULED
        assert article.go_live_at == at
        assert not article.is_live
        assert not Article.objects.live().exists()

    def test_the_moderator_can_choose_the_time(self, editor, moderator):
        article = submitted(editor)
        at = timezone.now() + timedelta(days=1)
        services.revision_approve(article=article, revision=article.review_revision, user=moderator, publish_at=at)
        article.refresh_from_db()
        assert (article.status, article.go_live_at) == (State.SCHEDULED, at)

    @pytest.mark.parametrize("ago", [timedelta(seconds=1), timedelta(days=3), timedelta(days=365 * 100)])
    def test_a_time_that_has_passed_is_refused_not_published_at_once(self, editor, moderator, ago):
        article = submitted(editor)
        with pytest.raises(MoveRefused) as refused:
            services.revision_approve(
                article=article, revision=article.review_revision, user=moderator, publish_at=timezone.now() - ago
            )
        assert "already passed" in refused.value.message_dict["publish_at"][0]
        article.refresh_from_db()
        assert (article.status, article.live_revision, article.go_live_at) == (State.IN_REVIEW, None, None)
        assert not Article.objects.live().exists()
        assert not article.transitions.filter(action__in=[Action.PUBLISH, Action.SCHEDULE]).exists()

    def test_a_past_time_with_a_later_embargo_waits_for_the_embargo(self, editor, moderator):
        embargo = timezone.now() + timedelta(hours=3)
        article = submitted(editor, embargo_until=embargo)
        services.revision_approve(
            article=article,
            revision=article.review_revision,
            user=moderator,
            publish_at=timezone.now() - timedelta(hours=1),
        )
        article.refresh_from_db()
        assert (article.status, article.go_live_at) == (State.SCHEDULED, embargo)

    def test_an_embargo_wins_over_an_earlier_publish_time(self, editor, moderator):
        embargo = timezone.now() + timedelta(hours=5)
        article = submitted(editor, embargo_until=embargo, publish_at=timezone.now() - timedelta(hours=1))
        services.revision_approve(article=article, revision=article.review_revision, user=moderator)
        article.refresh_from_db()
        assert article.go_live_at == embargo

    def test_scheduled_story_goes_live_when_due_and_only_then(self, editor, moderator):
        at = timezone.now() + timedelta(minutes=30)
        article = submitted(editor, publish_at=at)
        services.revision_approve(article=article, revision=article.review_revision, user=moderator)
        assert services.articles_publish_due(now=at - timedelta(seconds=1)) == []
        published_now = services.articles_publish_due(now=at)
        assert [a.pk for a in published_now] == [article.pk]
        article.refresh_from_db()
        assert article.status == State.PUBLISHED
        assert article.first_published_at == at
        assert moves(article)[-1] == (Action.GO_LIVE, State.SCHEDULED, State.PUBLISHED)
        assert article.transitions.latest("created_at").actor is None
        assert services.articles_publish_due(now=at + timedelta(minutes=5)) == []

    def test_saving_a_scheduled_story_calls_the_schedule_off(self, editor, moderator):
        article = submitted(editor, publish_at=timezone.now() + timedelta(hours=1))
        services.revision_approve(article=article, revision=article.review_revision, user=moderator)
        edit(article, editor, body_ar="<p>تعديل بعد الموافقة</p>")
        article.refresh_from_db()
        assert (article.status, article.scheduled_revision, article.go_live_at) == (State.DRAFT, None, None)
        assert services.articles_publish_due(now=timezone.now() + timedelta(days=1)) == []

    def test_moderator_can_cancel_a_schedule(self, editor, moderator):
        article = submitted(editor, publish_at=timezone.now() + timedelta(hours=1))
        services.revision_approve(article=article, revision=article.review_revision, user=moderator)
        services.article_unschedule(article=article, user=moderator)
        article.refresh_from_db()
        assert (article.status, article.scheduled_revision) == (State.DRAFT, None)

    def test_a_run_that_fails_half_way_leaves_whole_stories_and_the_next_run_finishes(
        self, editor, moderator, monkeypatch
    ):
        from articles.services import moves as module

        at = timezone.now() + timedelta(minutes=1)
        stories = []
        for _ in range(3):
            article = submitted(editor, publish_at=at)
            services.revision_approve(article=article, revision=article.review_revision, user=moderator)
            stories.append(article)
        real = module._make_live
        calls = []

        def dies_on_the_second(article, revision, *, at):
            calls.append(article.pk)
            real(article, revision, at=at)
            if len(calls) == 2:
                raise KeyboardInterrupt("killed")

        monkeypatch.setattr(module, "_make_live", dies_on_the_second)
        with pytest.raises(KeyboardInterrupt):
            services.articles_publish_due(now=at)
        states = {a.pk: a.status for a in Article.objects.all()}
        assert states[stories[0].pk] == State.PUBLISHED
        second = Article.objects.get(pk=stories[1].pk)
        assert second.status == State.SCHEDULED and second.live_revision is None and not second.tags.exists()
        monkeypatch.setattr(module, "_make_live", real)
        assert {a.pk for a in services.articles_publish_due(now=at)} == {stories[1].pk, stories[2].pk}
        assert all(a.status == State.PUBLISHED for a in Article.objects.all())
        assert Transition.objects.filter(action=Action.GO_LIVE).count() == 3


class TestUnpublish:
    def test_moderator_unpublishes_with_a_reason(self, editor, moderator):
        article = published(editor, moderator)
        services.article_unpublish(article=article, user=moderator, reason="طلب قانوني")
        article.refresh_from_db()
        assert (article.status, article.live_revision) == (State.UNPUBLISHED, None)
        assert not Article.objects.live().exists()
        assert article.transitions.latest("created_at").comment == "طلب قانوني"

    def test_a_reason_is_required(self, editor, moderator):
        article = published(editor, moderator)
        with pytest.raises(MoveRefused):
            services.article_unpublish(article=article, user=moderator, reason=" ")
        article.refresh_from_db()
        assert article.is_live

    def test_a_live_story_with_a_pending_edit_can_still_be_withdrawn(self, editor, moderator):
        article = published(editor, moderator)
        edit(article, editor, headline_ar="تعديل معلق")
        services.article_unpublish(article=article, user=moderator, reason="خطأ جسيم")
        article.refresh_from_db()
        assert not article.is_live

    def test_editors_cannot_unpublish(self, editor, moderator):
        article = published(editor, moderator)
        with pytest.raises(MoveRefused, match="You may not do this: Unpublish"):
            services.article_unpublish(article=article, user=editor, reason="لا")


class TestTrash:
    def test_a_draft_goes_to_the_trash_and_back(self, editor):
        article = draft(editor)
        services.article_trash(article=article, user=editor)
        article.refresh_from_db()
        assert article.status == State.TRASHED
        services.article_untrash(article=article, user=editor)
        article.refresh_from_db()
        assert article.status == State.DRAFT
        assert article.revisions.count() == 1

    def test_a_live_story_cannot_be_trashed(self, editor, moderator):
        article = published(editor, moderator)
        edit(article, editor, headline_ar="مسودة فوق نسخة منشورة")
        with pytest.raises(MoveRefused, match="unpublish it first"):
            services.article_trash(article=article, user=editor)


class TestCorrections:
    def test_moderator_adds_a_public_correction(self, editor, moderator):
        article = published(editor, moderator)
        correction = services.correction_add(
            article=article,
            user=moderator,
            kind=Correction.Kind.CORRECTION,
            text_ar="صُحح عدد الجنود",
            text_en="The number of troops was corrected",
        )
        assert list(article.corrections.all()) == [correction]
        assert article.transitions.latest("created_at").action == Action.CORRECT

    def test_corrections_need_a_live_story(self, editor, moderator):
        article = draft(editor)
        with pytest.raises(MoveRefused, match="not on the public site"):
            services.correction_add(article=article, user=moderator, kind="correction", text_ar="نص")

    def test_an_unknown_kind_is_refused(self, editor, moderator):
        article = published(editor, moderator)
        with pytest.raises(ValidationError) as error:
            services.correction_add(article=article, user=moderator, kind="retraction", text_ar="نص")
        assert "kind" in error.value.message_dict
        assert not article.corrections.exists()

    def test_editors_cannot_add_corrections(self, editor, moderator):
        article = published(editor, moderator)
        with pytest.raises(MoveRefused, match="You may not do this: Add a correction"):
            services.correction_add(article=article, user=editor, kind="correction", text_ar="نص")


def test_readers_are_told_only_after_the_change_commits(editor, moderator, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, article_id, **kwargs):
        received.append(article_id)

    live_changed.connect(listener)
    try:
        article = submitted(editor)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.revision_approve(article=article, revision=article.review_revision, user=moderator)
        assert received == []
        for callback in callbacks:
            callback()
        assert received == [article.pk]
        with django_capture_on_commit_callbacks(execute=True):
            services.article_unpublish(article=article, user=moderator, reason="سبب")
        assert received == [article.pk, article.pk]
    finally:
        live_changed.disconnect(listener)


def test_the_whole_history_is_recorded(editor):
    moderator = ModeratorFactory()
    article = submitted(editor)
    services.article_request_changes(article=article, user=moderator, comment="راجع العنوان")
    revision = edit(article, editor, headline_ar="عنوان مراجع").revision
    services.article_submit(article=article, revision=revision, user=editor)
    services.revision_approve(article=article, revision=revision, user=moderator)
    services.article_unpublish(article=article, user=moderator, reason="سحب")
    assert moves(article) == [
        (Action.SUBMIT, State.DRAFT, State.IN_REVIEW),
        (Action.REQUEST_CHANGES, State.IN_REVIEW, State.DRAFT),
        (Action.SUBMIT, State.DRAFT, State.IN_REVIEW),
        (Action.PUBLISH, State.IN_REVIEW, State.PUBLISHED),
        (Action.UNPUBLISH, State.PUBLISHED, State.UNPUBLISHED),
    ]


def test_submitting_a_side_revision_makes_it_current_first_and_sends_that_text(editor):
    colleague = EditorFactory(username="colleague")
    article = draft(editor)
    start = article.latest_revision
    theirs = edit(article, colleague, base=start, headline_ar="عنوان الزميل").revision
    mine = edit(article, editor, base=start, headline_ar="عنواني").revision

    services.revision_submit(article=article, revision=mine, user=editor)

    article.refresh_from_db()
    assert article.status == State.IN_REVIEW
    assert article.review_revision == article.latest_revision
    assert (article.review_revision.headline_ar, article.review_revision.restored_from) == ("عنواني", mine)
    assert theirs.number < article.review_revision.number


def test_submitting_the_current_revision_adds_no_revision(editor):
    article = draft(editor)
    services.revision_submit(article=article, revision=article.latest_revision, user=editor)
    article.refresh_from_db()
    assert (article.revisions.count(), article.review_revision.number) == (1, 1)
