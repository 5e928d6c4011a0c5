"""What a live story shows beside its text is kept on its row, and kept true."""

import pytest
from django.utils import translation

from articles.models import Article, Rendition
from articles.services.library import library_save
from articles.services.media import renditions_ensure
from tests.factories import AuthorFactory, ImageFactory, SectionFactory, TagFactory, corrected, image_bytes, published

pytestmark = pytest.mark.django_db


def story_url(article):
    with translation.override("ar"):
        return Article.objects.get(pk=article.pk).get_absolute_url()


def test_publishing_stores_bylines_in_order_and_tags(editor, moderator):
    first = AuthorFactory(slug="sara", name_ar="سارة", name_en="Sara")
    second = AuthorFactory(slug="omar", name_ar="عمر", name_en="Omar")
    article = published(editor, moderator, authors=[second, first], tags=[TagFactory(slug="iraq", name_ar="العراق")])
    extras = Article.objects.get(pk=article.pk).live_extras
    assert [a["slug"] for a in extras["authors"]] == ["omar", "sara"]
    assert extras["authors"][0]["name_ar"] == "عمر"
    assert [t["slug"] for t in extras["tags"]] == ["iraq"]
    assert extras["corrections"] == []


def test_a_correction_is_stored_with_the_story(editor, moderator):
    article = published(editor, moderator)
    corrected(article, moderator, text_ar="صُحّح الرقم")
    extras = Article.objects.get(pk=article.pk).live_extras
    assert extras["corrections"][0]["text_ar"] == "صُحّح الرقم"
    assert extras["corrections"][0]["kind"] == "correction"


def test_renaming_an_author_reaches_their_live_stories_and_cached_pages(
    client, editor, moderator, django_capture_on_commit_callbacks
):
    author = AuthorFactory(slug="sara", name_ar="سارة حسن", name_en="Sara Hassan")
    article = published(editor, moderator, authors=[author])
    url = story_url(article)
    assert "سارة حسن" in client.get(url).content.decode()  # now cached
    author.name_ar = "سارة حسن العبيدي"
    with django_capture_on_commit_callbacks(execute=True):
        library_save(obj=author)
    assert "سارة حسن العبيدي" in client.get(url).content.decode()
    assert Article.objects.get(pk=article.pk).live_extras["authors"][0]["name_ar"] == "سارة حسن العبيدي"


def test_renaming_a_tag_reaches_its_live_stories(client, editor, moderator, django_capture_on_commit_callbacks):
    tag = TagFactory(slug="coalition", name_ar="التحالف")
    article = published(editor, moderator, tags=[tag])
    url = story_url(article)
    client.get(url)
    tag.name_ar = "التحالف الدولي"
    with django_capture_on_commit_callbacks(execute=True):
        library_save(obj=tag)
    assert "التحالف الدولي" in client.get(url).content.decode()


def test_a_new_caption_reaches_the_cached_story_page_with_its_next_approval(
    client, editor, moderator, django_capture_on_commit_callbacks
):
    from tests.factories import republished

    image = ImageFactory(caption_ar="شرح قديم")
    renditions_ensure(image=image)
    article = published(editor, moderator, lead_image=image)
    url = story_url(article)
    assert "شرح قديم" in client.get(url).content.decode()
    image.caption_ar = "شرح جديد للصورة"
    with django_capture_on_commit_callbacks(execute=True):
        library_save(obj=image)
    assert "شرح قديم" in client.get(url).content.decode()  # readers see the approved caption
    with django_capture_on_commit_callbacks(execute=True):
        republished(article, editor, moderator, standfirst_ar="موجز جديد")
    assert "شرح جديد للصورة" in client.get(url).content.decode()


def test_renaming_a_section_updates_the_navigation_of_cached_pages(
    client, editor, moderator, django_capture_on_commit_callbacks
):
    section = SectionFactory(slug="politics", name_ar="سياسة", name_en="Politics")
    article = published(editor, moderator, section=section)
    url = story_url(article)
    assert "سياسة" in client.get("/ar/").content.decode()
    client.get(url)
    section.name_ar = "شؤون سياسية"
    with django_capture_on_commit_callbacks(execute=True):
        library_save(obj=section)
    assert "شؤون سياسية" in client.get("/ar/").content.decode()
    assert "شؤون سياسية" in client.get(url).content.decode()


def test_renditions_are_indexed_on_the_picture(editor):
    from django.core.files.base import ContentFile

    from articles.services.media import image_create

    image = image_create(user=editor, file=ContentFile(image_bytes(size=(900, 500)), name="p.jpg"), alt_ar="صورة")
    renditions_ensure(image=image)
    image.refresh_from_db()
    assert [width for _name, width, _height in image.sources["webp"]] == [480, 800, 900]
    assert [url for url, _w, _h in image.rendition_urls("jpeg")] == [
        r.file.url for r in Rendition.objects.filter(image=image, format="jpeg", crop="").order_by("width")
    ]


def test_a_story_published_before_its_renditions_shows_them_once_they_are_made(
    client, editor, moderator, django_capture_on_commit_callbacks
):
    from articles.tasks import make_renditions

    image = ImageFactory()
    article = published(editor, moderator, lead_image=image)  # its renditions task has not run (no commit)
    url = story_url(article)
    assert "<picture" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the refresh announces the story once committed
        make_renditions.enqueue(image.pk)
    assert "<picture" in client.get(url).content.decode()


def test_related_stories_are_kept_and_a_withdrawn_one_disappears(
    client, editor, moderator, django_capture_on_commit_callbacks
):
    from articles import services

    iraq = TagFactory(slug="iraq")
    first = published(editor, moderator, tags=[iraq], headline_ar="الخبر الأول")
    with django_capture_on_commit_callbacks(execute=True):
        follow_up = published(editor, moderator, tags=[iraq], headline_ar="متابعة للخبر")
    assert Article.objects.get(pk=follow_up.pk).live_extras["related"] == [first.pk]
    assert Article.objects.get(pk=first.pk).live_extras["related"] == [follow_up.pk]  # joined by the refresh
    url = story_url(first)
    assert f"/news/{follow_up.pk}/" in client.get(url).content.decode()  # and now cached
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=follow_up, user=moderator, reason="سحب")
    assert f"/news/{follow_up.pk}/" not in client.get(url).content.decode()


def test_related_candidates_are_looked_for_among_the_newest_tagged_stories(editor, moderator, monkeypatch):
    from articles.services import live

    monkeypatch.setattr(live, "RELATED_LOOKBACK", 2)
    iraq = TagFactory(slug="iraq")
    oldest = published(editor, moderator, tags=[iraq])
    newer = [published(editor, moderator, tags=[iraq]) for _ in range(2)]
    story = published(editor, moderator, tags=[iraq])
    candidates = Article.objects.get(pk=story.pk).live_extras["related"]
    assert set(candidates) == {s.pk for s in newer}
    assert oldest.pk not in candidates


def _found(text, language="ar"):
    from articles import search

    return list(search.article_search(search.Query.parse(text, language)))


def test_a_renamed_tag_is_found_by_its_new_name_and_not_the_old_one(
    editor, moderator, django_capture_on_commit_callbacks
):
    tag = TagFactory(slug="volcano", name_ar="البركان", name_en="Volcano")
    article = published(editor, moderator, tags=[tag])
    assert _found("البركان") == [article] and _found("volcano", "en") == [article]
    tag.name_ar, tag.name_en = "الفيضان", "Flood"
    with django_capture_on_commit_callbacks(execute=True):
        library_save(obj=tag)
    assert _found("الفيضان") == [article] and _found("flood", "en") == [article]
    assert _found("البركان") == [] and _found("volcano", "en") == []


def test_the_stored_extras_carry_the_version_of_their_shape(editor, moderator):
    from articles.models.extras import VERSION, LiveExtras

    author = AuthorFactory(slug="sara", name_ar="سارة")
    article = published(editor, moderator, authors=[author], tags=[TagFactory(slug="iraq")])
    corrected(article, moderator, text_ar="صُحّح الرقم")
    stored = Article.objects.get(pk=article.pk).live_extras
    assert stored["version"] == VERSION
    extras = LiveExtras.from_json(stored)
    assert [a.slug for a in extras.authors] == ["sara"] and extras.authors[0].name_ar == "سارة"
    assert extras.corrections[0].published_at.isoformat() == stored["corrections"][0]["published_at"]
    assert extras.to_json() == stored


def test_extras_written_before_the_version_key_are_read_as_the_first_version():
    from articles.models.extras import LiveExtras

    # As migrations 0006 and 0007 stored them.
    unversioned = {
        "section": {"id": 3, "slug": "politics", "order": 1, "name_ar": "سياسة", "name_en": "Politics"},
        "image": None,
        "authors": [{"id": 7, "slug": "sara", "name_ar": "سارة", "name_en": "Sara"}],
        "tags": [],
        "corrections": [
            {"kind": "correction", "published_at": "2026-11-29T10:00:00+00:00", "text_ar": "تصحيح", "text_en": ""}
        ],
    }
    extras = LiveExtras.from_json(unversioned)
    assert extras.section.name_ar == "سياسة" and extras.authors[0].pk == 7
    assert extras.corrections[0].published_at.year == 2026 and extras.related == []
    assert LiveExtras.from_json(None) == LiveExtras()


def test_which_live_stories_show_a_thing_is_one_table(editor, moderator):
    from articles.models import Author, Image, Section, Tag
    from articles.services.live import SHOWN_ON, live_stories_showing

    section, author, tag, image = SectionFactory(), AuthorFactory(), TagFactory(), ImageFactory()
    shown = published(editor, moderator, section=section, authors=[author], tags=[tag], lead_image=image)
    published(editor, moderator)  # shows none of them
    assert set(SHOWN_ON) == {Section, Author, Tag, Image}
    for model, obj in ((Section, section), (Author, author), (Tag, tag), (Image, image)):
        assert live_stories_showing(model, obj.pk) == [shown.pk]
