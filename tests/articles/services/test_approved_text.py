"""Readers see only text a moderator approved: also the words a story page prints of what it shows.

Walks every editable object a live story page prints (its section, tags,
authors and picture) and every field of it that is text, and proves that an
editor's change reaches readers only through a moderator: refused, or
waiting for the story's next approved revision.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.utils import translation

from articles import services
from articles.models import Article
from articles.services.library import EDITORIAL_TEXT, library_save
from articles.services.live import APPROVED_IMAGE_TEXT
from articles.services.media import image_update, renditions_ensure
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    ImageFactory,
    SectionFactory,
    TagFactory,
    edit,
    published,
)

pytestmark = pytest.mark.django_db

PICTURE_TEXT = [f"{prefix}{code}" for prefix in APPROVED_IMAGE_TEXT for code in ("ar", "en")]
LIBRARY_TEXT = [
    (model.__name__.lower(), f"{name}_{code}")
    for model, names in EDITORIAL_TEXT.items()
    for name in names
    for code in ("ar", "en")
]


@pytest.fixture
def story(editor, moderator):
    image = ImageFactory(
        alt_ar="نص بديل معتمد",
        alt_en="Approved alt",
        caption_ar="شرح معتمد",
        caption_en="Approved caption",
        credit_ar="رويترز",
        credit_en="Reuters",
    )
    renditions_ensure(image=image)
    objects = {
        "section": SectionFactory(slug="politics", name_ar="سياسة", name_en="Politics"),
        "tag": TagFactory(slug="iraq", name_ar="العراق", name_en="Iraq"),
        "author": AuthorFactory(slug="sara", name_ar="سارة", name_en="Sara", bio_ar="صحفية", bio_en="A reporter"),
        "image": image,
    }
    article = published(
        editor,
        moderator,
        section=objects["section"],
        tags=[objects["tag"]],
        authors=[objects["author"]],
        lead_image=image,
    )
    return article, objects


def story_page(article, client, language):
    with translation.override(language):
        story_url = Article.objects.get(pk=article.pk).get_absolute_url()
    return client.get(story_url).content.decode()


def pages(article, client, language):
    return story_page(article, client, language) + client.get(f"/{language}/author/sara/").content.decode()


def test_the_walk_covers_every_text_a_story_page_prints_of_what_it_shows():
    from articles.models.extras import LiveExtras  # noqa: F401 - the shape the page reads

    assert {model for model, _field in LIBRARY_TEXT} == {"section", "tag", "author"}
    assert set(PICTURE_TEXT) == {f"{name}_{code}" for name in ("alt", "caption", "credit") for code in ("ar", "en")}


@pytest.mark.parametrize("field", PICTURE_TEXT)
def test_an_editors_picture_edit_reaches_a_live_page_only_with_an_approved_revision(
    client, story, editor, moderator, field, django_capture_on_commit_callbacks
):
    article, objects = story
    image, language = objects["image"], field.rsplit("_", 1)[1]
    approved_text = getattr(image, field)
    assert approved_text in story_page(article, client, language)  # the page prints it

    setattr(image, field, "نص لم يعتمد" if language == "ar" else "Unreviewed words")
    with django_capture_on_commit_callbacks(execute=True):
        image_update(image=image, user=editor)  # editors may fix pictures in the library
    body = story_page(article, client, language)
    assert approved_text in body and getattr(image, field) not in body

    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        edit(article, editor, standfirst_ar="موجز بعد تعديل الصورة")
        article.refresh_from_db()
        services.article_submit(article=article, revision=article.latest_revision, user=editor)
        services.revision_approve(article=article, revision=article.latest_revision, user=moderator)
    assert getattr(image, field) in story_page(article, client, language)  # approved: now readers see it


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_editors_alt_text_edit_reaches_list_cards_only_with_an_approved_revision(
    client, story, editor, moderator, language, django_capture_on_commit_callbacks
):
    article, objects = story
    image = objects["image"]
    approved_alt = getattr(image, f"alt_{language}")
    lists = [f"/{language}/", f"/{language}/section/politics/", f"/{language}/tag/iraq/"]
    for address in lists:
        assert f'alt="{approved_alt}"' in client.get(address).content.decode(), address

    setattr(image, f"alt_{language}", "نص لم يعتمد" if language == "ar" else "Unreviewed words")
    with django_capture_on_commit_callbacks(execute=True):
        image_update(image=image, user=editor)
    for address in lists:
        body = client.get(address).content.decode()
        assert f'alt="{approved_alt}"' in body and getattr(image, f"alt_{language}") not in body, address

    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        edit(article, editor, standfirst_ar="موجز بعد تعديل الصورة")
        article.refresh_from_db()
        services.article_submit(article=article, revision=article.latest_revision, user=editor)
        services.revision_approve(article=article, revision=article.latest_revision, user=moderator)
    for address in lists:
        assert getattr(image, f"alt_{language}") in client.get(address).content.decode(), address


@pytest.mark.parametrize(("model", "field"), LIBRARY_TEXT)
def test_changing_a_live_name_or_biography_needs_a_moderator(
    client, story, editor, moderator, superuser, model, field, django_capture_on_commit_callbacks
):
    article, objects = story
    obj, language = objects[model], field.rsplit("_", 1)[1]
    approved_text = getattr(obj, field)
    assert approved_text in pages(article, client, language)

    # Someone the admin lets change these, without the right to approve.
    desk_hand = EditorFactory(username="desk-hand")
    desk_hand.user_permissions.add(Permission.objects.get(codename=f"change_{model}"))
    desk_hand = type(desk_hand).objects.get(pk=desk_hand.pk)
    new_text = "نص جديد" if language == "ar" else "New words"
    for user in (editor, desk_hand):
        setattr(obj, field, new_text)
        with pytest.raises(PermissionDenied), django_capture_on_commit_callbacks(execute=True):
            library_save(obj=obj, user=user)
        obj.refresh_from_db()
        assert approved_text in pages(article, client, language)

    setattr(obj, field, new_text)
    approver = superuser if model == "section" else moderator  # sections are the administrators'
    with django_capture_on_commit_callbacks(execute=True):
        library_save(obj=obj, user=approver)
    assert new_text in pages(article, client, language)


def test_a_tag_no_live_story_shows_needs_only_the_right_to_change_it(editor):
    tag = TagFactory(slug="unused", name_ar="غير مستخدم")
    desk_hand = EditorFactory(username="desk-hand")
    desk_hand.user_permissions.add(Permission.objects.get(codename="change_tag"))
    desk_hand = type(desk_hand).objects.get(pk=desk_hand.pk)
    tag.name_ar = "وسم جديد"
    library_save(obj=tag, user=desk_hand)
    tag.refresh_from_db()
    assert tag.name_ar == "وسم جديد"
