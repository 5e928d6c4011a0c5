"""Saving: every save is a complete, numbered, immutable revision."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from articles import services
from articles.models import Article, Revision, RevisionImmutable
from articles.workflow import MoveRefused, State
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    ImageFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
    draft,
    edit,
    published,
    story_content,
)

pytestmark = pytest.mark.django_db


def test_every_save_is_a_numbered_revision(editor):
    article = draft(editor)
    edit(article, editor, headline_ar="عنوان ثان")
    edit(article, editor, headline_ar="عنوان ثالث")
    numbers = list(article.revisions.order_by("number").values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    article.refresh_from_db()
    assert article.latest_revision.number == 3
    assert article.latest_revision.created_by == editor


def test_a_revision_is_a_complete_snapshot_of_fields_and_relations(editor):
    first, second = AuthorFactory(), AuthorFactory()
    tags = [TagFactory(), TagFactory()]
    image = ImageFactory()
    section = SectionFactory(slug="world")
    article = draft(editor, authors=[second, first], tags=tags, lead_image=image, section=section)
    revision = Revision.objects.with_relations().get(pk=article.latest_revision_id)
    for name, value in story_content().items():
        if name != "section":
            assert getattr(revision, name) == value, name
    assert revision.section == section
    assert revision.lead_image == image
    assert revision.ordered_authors() == [second, first]
    assert set(revision.tags.all()) == set(tags)


def test_a_saved_revision_cannot_be_changed_or_deleted(editor):
    revision = draft(editor).latest_revision
    revision.headline_ar = "تغيير"
    with pytest.raises(RevisionImmutable):
        revision.save()
    with pytest.raises(RevisionImmutable):
        Revision.objects.filter(pk=revision.pk).update(headline_ar="تغيير")
    with pytest.raises(RevisionImmutable):
        revision.delete()
    with pytest.raises(RevisionImmutable):
        Revision.objects.filter(pk=revision.pk).delete()
    assert Revision.objects.get(pk=revision.pk).headline_ar == story_content()["headline_ar"]


def test_revision_numbers_are_unique_per_story(editor):
    article = draft(editor)
    duplicate = Revision(article=article, number=1, created_by=editor, created_at=article.created_at, headline_ar="x")
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_editing_a_live_story_leaves_the_live_copy_alone(editor, moderator):
    article = published(editor, moderator)
    live = article.live_revision
    result = edit(article, editor, headline_ar="عنوان جديد لم يراجع", tags=[TagFactory()])
    article.refresh_from_db()
    assert article.status == State.DRAFT
    assert article.live_revision == live
    assert article.latest_revision == result.revision
    assert article.headline_ar == live.headline_ar != "عنوان جديد لم يراجع"
    assert not article.tags.exists()
    assert Article.objects.live().filter(pk=article.pk).exists()


def test_restore_copies_an_old_revision_into_a_new_one(editor):
    article = draft(editor, authors=[AuthorFactory()])
    first = article.latest_revision
    edit(article, editor, headline_ar="تعديل", authors=[AuthorFactory(), AuthorFactory()])
    result = services.revision_restore(article=article, revision=first, user=editor)
    restored = Revision.objects.with_relations().get(pk=result.revision.pk)
    assert restored.number == 3
    assert restored.restored_from == first
    assert restored.headline_ar == first.headline_ar
    assert restored.ordered_authors() == first.ordered_authors()
    assert "Restored from revision 1" in restored.note
    assert article.revisions.count() == 3
    assert Revision.objects.get(number=2, article=article).headline_ar == "تعديل"


def test_restore_refuses_a_revision_of_another_story(editor):
    one, other = draft(editor), draft(editor)
    with pytest.raises(ValidationError, match="another story"):
        services.revision_restore(article=one, revision=other.latest_revision, user=editor)


def test_the_second_of_two_concurrent_saves_is_kept_and_reported(editor):
    colleague = EditorFactory()
    article = draft(editor)
    base = article.latest_revision
    first = edit(article, editor, base=base, headline_ar="نسخة المحرر الأول")
    second = edit(article, colleague, base=base, headline_ar="نسخة المحرر الثاني")
    assert not first.conflict
    assert second.conflict
    assert second.revision.conflict_with == first.revision
    assert second.revision.headline_ar == "نسخة المحرر الثاني"
    article.refresh_from_db()
    assert article.latest_revision == first.revision
    assert "nothing was overwritten" in second.message
    assert f"revision {second.revision.number}" in second.message


def test_saving_without_stating_the_base_counts_as_a_conflict(editor):
    article = draft(editor)
    result = services.revision_create(
        article=article, user=editor, content=story_content(headline_ar="بلا أساس"), base_revision=None
    )
    assert result.conflict
    article.refresh_from_db()
    assert article.latest_revision.number == 1


class TestEnglishStaleness:
    def test_arabic_change_marks_english_as_possibly_stale(self, editor):
        article = draft(editor)
        result = edit(article, editor, body_ar="<p>نص عربي جديد</p>")
        assert result.revision.english_stale

    def test_flag_stays_until_someone_touches_the_english(self, editor):
        article = draft(editor)
        edit(article, editor, body_ar="<p>نص عربي جديد</p>")
        assert edit(article, editor, dateline_ar="بغداد").revision.english_stale
        assert not edit(article, editor, body_en="<p>New English text</p>").revision.english_stale

    def test_editor_can_confirm_the_english_is_current(self, editor):
        article = draft(editor)
        edit(article, editor, body_ar="<p>نص عربي جديد</p>")
        article.refresh_from_db()
        base = article.latest_revision
        from articles.models.content import content_names

        result = services.revision_create(
            article=article,
            user=editor,
            content={name: getattr(base, name) for name in content_names()},
            base_revision=base,
            english_reviewed=True,
        )
        assert not result.revision.english_stale

    def test_arabic_only_story_is_never_stale(self, editor):
        article = draft(editor, headline_en="", standfirst_en="", dateline_en="", body_en="")
        assert not edit(article, editor, body_ar="<p>تغيير</p>").revision.english_stale


class TestBadInput:
    def test_a_story_needs_a_headline(self, editor):
        with pytest.raises(ValidationError) as error:
            services.article_create(user=editor, content=story_content(headline_ar="", headline_en=""))
        assert "headline_ar" in error.value.message_dict
        assert not Article.objects.exists()

    def test_an_over_long_headline_is_refused_with_the_field_named(self, editor):
        with pytest.raises(ValidationError) as error:
            services.article_create(user=editor, content=story_content(headline_ar="ع" * 300))
        assert "headline_ar" in error.value.message_dict

    def test_unknown_fields_are_refused_not_dropped(self, editor):
        with pytest.raises(ValidationError, match="Unknown story fields: headlien_ar"):
            services.article_create(user=editor, content=story_content(headlien_ar="خطأ"))

    def test_an_author_twice_in_the_byline_is_refused(self, editor):
        author = AuthorFactory()
        with pytest.raises(ValidationError) as error:
            draft(editor, authors=[author, author])
        assert "authors" in error.value.message_dict

    def test_script_in_the_body_is_removed_and_text_kept(self, editor):
        article = draft(
            editor, body_ar='<p onclick="x()">نص<script>alert(1)</script> <a href="javascript:x()">رابط</a></p>'
        )
        body = article.latest_revision.body_ar
        assert "script" not in body and "onclick" not in body and "javascript" not in body
        assert "نص" in body and "رابط" in body

    def test_slug_is_made_from_the_english_headline(self, editor):
        assert draft(editor).latest_revision.slug == "iraq-and-us-discuss-coalition-withdrawal"

    def test_arabic_only_story_gets_an_arabic_slug(self, editor):
        article = draft(editor, headline_en="", headline_ar="محادثات الانسحاب")
        assert article.latest_revision.slug == "محادثات-الانسحاب"

    def test_bidi_controls_are_stripped_from_headlines(self, editor):
        article = draft(editor, headline_ar="عنوان\u202e مقلوب")
        assert "\u202e" not in article.latest_revision.headline_ar


def test_a_reader_account_cannot_write_stories():
    reader = UserFactory(is_staff=False)
    with pytest.raises(PermissionDenied):
        services.article_create(user=reader, content=story_content())


def test_a_reader_account_cannot_save_a_revision(editor):
    article = draft(editor)
    with pytest.raises(MoveRefused, match="You may not do this: Save"):
        edit(article, UserFactory(is_staff=False), headline_ar="لا")
    assert article.revisions.count() == 1


def test_a_story_in_the_trash_cannot_be_edited(editor):
    article = draft(editor)
    services.article_trash(article=article, user=editor)
    with pytest.raises(MoveRefused, match="state “In the trash”"):
        edit(article, editor, headline_ar="لا")


def test_combining_two_revisions_takes_the_picked_paragraphs_into_a_new_current_revision(editor):
    from articles.merge import OLD, merge_plan

    colleague = EditorFactory(username="colleague")
    article = draft(editor, body_ar="<p>أول.</p><p>نصي أنا.</p>", body_en="<p>One.</p>")
    start = article.latest_revision
    theirs = edit(
        article, colleague, base=start, headline_ar="عنوان الزميل", body_ar="<p>أول.</p><p>نص الزميل.</p>"
    ).revision
    mine = edit(article, editor, base=start, body_en="<p>One, mine.</p>").revision
    plan = merge_plan(mine.body_ar, theirs.body_ar)
    [changed] = [chunk.index for chunk in plan if not chunk.same]

    result = services.revision_combine(
        article=article, user=colleague, old=mine, new=theirs, picks={"ar": {changed: OLD}}
    )

    article.refresh_from_db()
    combined = article.latest_revision
    assert not result.conflict and combined == result.revision
    assert combined.body_ar == "<p>أول.</p><p>نصي أنا.</p>"
    assert combined.headline_ar == "عنوان الزميل"  # the other fields are the new side's
    assert combined.body_en == theirs.body_en
    assert "revisions 3 and 2" in combined.note
