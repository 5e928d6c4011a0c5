"""The story page's drawn copy (``articles.rendered``), after every kind of change that feeds it.

Each test checks the stored copy itself: that it is there, that the page
would print it (drawn from what the story row holds now, by this version),
and what it says; and that the page is the same with it and without it.
"""

import io
import json
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory

from articles import rendered, selectors, services
from articles.models import Article, RenderedStory, Revision
from articles.selectors.public import article_live_rows
from articles.services.library import library_save
from articles.services.media import renditions_ensure
from tests.factories import (
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    TagFactory,
    corrected,
    pending_edit,
    published,
    republished,
)

pytestmark = pytest.mark.django_db


def story_url(article, language="ar"):
    return f"/{language}/news/{article.pk}/{article.slug}/"


def printed(article, language="ar") -> dict:
    """The stored pieces of ``article`` in ``language``, asserting the page would print them as they are."""
    row = RenderedStory.objects.get(article_id=article.pk, language=language)
    assert row.version == rendered.version()
    found = selectors.article_live_detail(article.pk, language)
    drawn = rendered.stored_pieces(found, RequestFactory().get("/"), language, set())
    assert drawn is not None, "the stored copy is not printable: drawn from other values than the row holds"
    return json.loads(row.pieces)


def _page(client, url) -> str:
    cache.clear()  # the page as a cold request draws it, not as the page cache kept it
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def same_with_and_without(client, url) -> str:
    """The page printed from the stored copy, asserted equal to the page drawn on the spot."""
    stored = _page(client, url)
    with mock.patch.object(rendered, "stored_pieces", return_value=None):
        drawn = _page(client, url)
    assert stored == drawn
    return stored


@pytest.fixture
def complete(editor, moderator):
    """A live story with everything its page shows: picture, section, bylines, tags, a correction, a related story."""
    image = ImageFactory(caption_ar="شرح الصورة", credit_ar="رويترز")
    renditions_ensure(image=image)
    tag = TagFactory(slug="coalition", name_ar="التحالف", name_en="Coalition")
    author = AuthorFactory(slug="sara", name_ar="سارة حسن", name_en="Sara Hassan")
    published(editor, moderator, tags=[tag], authors=[author], headline_ar="خبر سابق عن التحالف")
    article = published(editor, moderator, tags=[tag], authors=[author], lead_image=image)
    corrected(article, moderator)
    return article


def test_publishing_stores_the_drawn_copy_of_each_edition(complete):
    arabic, english = printed(complete, "ar"), printed(complete, "en")
    assert complete.headline_ar in arabic["top"] and "سارة حسن" in arabic["top"] and "<picture" in arabic["top"]
    assert "Iraq and US discuss coalition withdrawal" in english["top"] and "Sara Hassan" in english["top"]
    assert "التحالف" in arabic["bottom"] and "ورد خطأ في الرقم" in arabic["bottom"]
    assert "application/ld+json" in arabic["head"] and arabic["origin"] in arabic["head"]


def test_a_story_without_english_has_an_arabic_copy_only(editor, moderator):
    article = published(editor, moderator, headline_en="", standfirst_en="", dateline_en="", body_en="")
    printed(article, "ar")
    assert not RenderedStory.objects.filter(article_id=article.pk, language="en").exists()


def test_the_page_is_the_same_with_and_without_the_stored_copy(client, complete):
    for language in ("ar", "en"):
        page = same_with_and_without(client, story_url(complete, language))
        assert 'class="related"' in page and "<picture" in page and "application/ld+json" in page
    # Absolute addresses name the request's host, never the copy's own origin.
    page = _page(client, story_url(complete))
    assert '"url":"http://testserver/ar/news/' in page
    assert ".invalid" not in page


def test_nothing_drawn_depends_on_when_it_is_read(complete):
    """Dates are printed as dates: no "3 hours ago" frozen into the copy."""
    pieces = printed(complete)
    text = " ".join(pieces[name] for name in rendered.PIECES)
    assert "منذ" not in text and " ago" not in text


def test_a_correction_draws_the_copy_again(complete, moderator):
    corrected(complete, moderator, text_ar="توضيح: الاجتماع في أربيل.", text_en="Clarification: in Erbil.")
    assert "الاجتماع في أربيل" in printed(complete, "ar")["bottom"]
    assert "Clarification: in Erbil." in printed(complete, "en")["bottom"]


def test_a_new_live_revision_draws_the_copy_again_and_a_pending_one_does_not(complete, editor, moderator):
    pending_edit(complete, editor, headline_ar="عنوان ينتظر المراجعة")
    assert "عنوان ينتظر المراجعة" not in printed(complete)["top"]  # never a draft
    complete.refresh_from_db()
    republished(complete, editor, moderator, headline_ar="عنوان جديد بعد الموافقة")
    pieces = printed(complete)
    assert "عنوان جديد بعد الموافقة" in pieces["top"] and "عنوان جديد بعد الموافقة" in pieces["head"]


def test_renaming_a_section_or_an_author_draws_the_copy_again(editor, moderator, django_capture_on_commit_callbacks):
    section = SectionFactory(slug="economy", name_ar="اقتصاد", name_en="Economy")
    author = AuthorFactory(slug="omar", name_ar="عمر علي", name_en="Omar Ali")
    article = published(editor, moderator, section=section, authors=[author])
    section.name_ar, author.name_en = "الاقتصاد والأعمال", "Omar Ali Hassan"
    with django_capture_on_commit_callbacks(execute=True):
        library_save(obj=section)
    with django_capture_on_commit_callbacks(execute=True):
        library_save(obj=author)
    assert "الاقتصاد والأعمال" in printed(article, "ar")["top"]
    assert "الاقتصاد والأعمال" in printed(article, "ar")["head"]  # article:section and the JSON-LD
    assert "Omar Ali Hassan" in printed(article, "en")["top"]


def test_a_picture_change_reaches_the_copy_as_the_live_page_shows_it(
    editor, moderator, django_capture_on_commit_callbacks
):
    image = ImageFactory(caption_ar="شرح قديم")
    renditions_ensure(image=image)
    article = published(editor, moderator, lead_image=image)
    image.caption_ar = "شرح جديد للصورة"
    with django_capture_on_commit_callbacks(execute=True):
        library_save(obj=image)
    assert "شرح قديم" in printed(article)["top"]  # readers see the approved caption until the next approval
    with django_capture_on_commit_callbacks(execute=True):
        republished(article, editor, moderator, standfirst_ar="موجز جديد")
    assert "شرح جديد للصورة" in printed(article)["top"]


def test_unpublishing_deletes_the_copy(client, complete, moderator):
    services.article_unpublish(article=complete, user=moderator, reason="Withdrawn")
    assert not RenderedStory.objects.filter(article_id=complete.pk).exists()
    assert client.get(story_url(complete)).status_code == 410


def test_a_missing_copy_is_drawn_by_the_page(client, complete):
    expected = same_with_and_without(client, story_url(complete))
    RenderedStory.objects.all().delete()
    assert _page(client, story_url(complete)) == expected


MARK = "<!-- the stored copy -->"


def mark_stored_pieces(article) -> None:
    """Put a marker into the stored pieces, still as drawn from the same row: a page showing it printed them."""
    for row in RenderedStory.objects.filter(article_id=article.pk):
        pieces = json.loads(row.pieces)
        pieces["top"] = MARK + pieces["top"]
        RenderedStory.objects.filter(pk=row.pk).update(pieces=json.dumps(pieces, ensure_ascii=False))


def test_a_copy_of_another_version_is_not_printed(client, complete):
    expected = same_with_and_without(client, story_url(complete))
    mark_stored_pieces(complete)
    assert MARK in _page(client, story_url(complete))  # of this version, printed
    with mock.patch.object(rendered, "version", return_value="another"):
        assert _page(client, story_url(complete)) == expected


def test_a_copy_drawn_from_other_values_than_the_row_holds_is_not_printed(client, complete):
    """A row written past the services (a bulk load, a fix in SQL) is drawn by the page, not misprinted."""
    mark_stored_pieces(complete)
    assert MARK in _page(client, story_url(complete))
    Article.objects.filter(pk=complete.pk).update(headline_ar="عنوان كتب في قاعدة البيانات")
    page = _page(client, story_url(complete))
    assert "عنوان كتب في قاعدة البيانات" in page and MARK not in page
    assert page == same_with_and_without(client, story_url(complete))


def fingerprint(article, language="ar", **values) -> str:
    """The fingerprint of ``article``'s row as its page reads it (``rendered.fingerprint``), with ``values`` written past the services (undone after)."""
    with transaction.atomic():
        if values:
            Article.objects.filter(pk=article.pk).update(**values)
        found = article_live_rows([article.pk], language).get()
        transaction.set_rollback(True)
    return rendered.fingerprint(found, language)


def test_every_value_the_page_reads_of_its_row_changes_its_fingerprint(complete):
    before = fingerprint(complete)
    assert fingerprint(complete) == before
    moment = complete.first_published_at - timedelta(seconds=1)
    for values in (
        {"slug": "other"},
        {"section": None},
        {"has_english": False},
        {"first_published_at": moment},
        {"last_updated_at": moment},
        {"live_revision": Revision.objects.exclude(pk=complete.live_revision_id).first()},
        {"headline_ar": "عنوان آخر"},
        {"standfirst_ar": "موجز آخر"},
        {"dateline_ar": "بغداد"},
        {"body_ar": "<p>نص آخر</p>"},
        {"live_extras": {**complete.live_extras, "corrections": []}},
    ):
        assert fingerprint(complete, **values) != before, values
    # Another edition's text is not read by this one's page.
    assert fingerprint(complete, headline_en="Another headline") == before


def test_an_app_that_replaces_the_metadata_has_the_page_draw_its_own_head(client, complete):
    found = selectors.article_live_detail(complete.pk, "ar")
    drawn = rendered.stored_pieces(found, RequestFactory().get("/"), "ar", {"json_ld", "feeds"})
    assert "head" not in drawn.pieces and "top" in drawn.pieces


def test_story_render_draws_what_is_missing_or_outdated(complete):
    RenderedStory.objects.all().delete()
    call_command("story_render")
    printed(complete, "ar")
    printed(complete, "en")
    RenderedStory.objects.filter(language="ar").update(version="old")
    assert rendered.stories_render() == 2  # the two stories' Arabic copies, not their English ones


def test_pieces_drawn_where_pictures_are_served_elsewhere_are_not_printed(complete):
    """Another process's storage (a bucket, a CDN's domain) draws other picture addresses: its pieces are of another version."""
    here = rendered.version()
    with mock.patch.object(rendered, "_media_address", return_value="storages.backends.s3.S3Storage https://cdn/x"):
        assert rendered.version() != here
    assert rendered.version() == here


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_story_render_in_several_processes_draws_every_story_once(settings):
    """Each process opens its own connections: none is inherited through the fork, pooled ones included."""
    stories = [published(headline_ar=f"خبر رقم {number}") for number in range(4)]
    RenderedStory.objects.all().delete()
    Article.objects.filter(pk=stories[0].pk).exists()  # a connection open in the parent before the fork
    call_command("story_render", processes=2, stdout=io.StringIO())
    assert RenderedStory.objects.filter(version=rendered.version()).count() == RenderedStory.objects.count() >= 4
    assert set(RenderedStory.objects.values_list("article_id", flat=True)) == {story.pk for story in stories}
