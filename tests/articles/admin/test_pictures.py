"""The story form's picture dialog: choosing the lead picture and uploading one without leaving the form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from articles.models import Image
from tests.factories import ImageFactory, draft, edit, image_bytes, trashed

pytestmark = pytest.mark.django_db

CHOOSE = "/admin/articles/image/choose/"
UPLOAD = "/admin/articles/image/upload/"


def upload_post(**overrides) -> dict:
    data = {
        "file": SimpleUploadedFile("soldiers.jpg", image_bytes(), content_type="image/jpeg"),
        "alt_ar": "جنود أمريكيون في قاعدة عين الأسد",
        "alt_en": "US soldiers at Ain al-Asad base",
        "caption_ar": "قاعدة عين الأسد غربي العراق",
        "caption_en": "Ain al-Asad base in western Iraq",
        "credit_ar": "رويترز",
        "credit_en": "Reuters",
        "focal_x": "0.3",
        "focal_y": "0.6",
    }
    data.update(overrides)
    return data


def test_typing_arabic_finds_pictures_by_their_arabic_words(as_user, editor):
    ImageFactory(alt_ar="جنود في قاعدة", alt_en="Soldiers at a base")
    ImageFactory(alt_ar="خريطة العراق", alt_en="A map of Iraq")
    page = as_user(editor).get(CHOOSE, {"q": "جنود"}).content.decode()
    assert "جنود في قاعدة" in page and "خريطة" not in page
    # Each description in its own language and direction, whatever the desk's language.
    assert '<span class="picture-choice__text" lang="ar" dir="rtl">جنود في قاعدة</span>' in page
    assert '<span class="picture-choice__text" lang="en" dir="ltr">Soldiers at a base</span>' in page


def test_each_picture_says_how_many_stories_show_it(as_user, editor):
    shown = ImageFactory(alt_en="Shown twice")
    ImageFactory(alt_en="Never shown")
    draft(editor, lead_image=shown)
    edit(draft(editor), editor, lead_image=shown)
    trashed(editor, lead_image=shown)  # the trash does not count
    page = as_user(editor).get(CHOOSE).content.decode()
    assert "Used in 2 stories" in page and "Not in any story yet" in page


def test_the_list_marks_the_chosen_picture_and_shows_thumbnails_from_the_renditions(as_user, editor):
    image = ImageFactory(file=SimpleUploadedFile("wide.jpg", image_bytes(size=(900, 600))))
    from articles.services.media import renditions_ensure

    renditions_ensure(image=image)
    image.refresh_from_db()
    page = as_user(editor).get(CHOOSE, {"chosen": image.pk}).content.decode()
    assert 'aria-pressed="true"' in page
    assert image.rendition_urls("jpeg")[0][0] in page  # the narrowest rendition, not the original


def test_the_list_answers_in_one_query_however_many_pictures(as_user, editor, django_assert_num_queries):
    for index in range(5):
        draft(editor, lead_image=ImageFactory(alt_en=f"picture {index}"))
    client = as_user(editor)
    client.get(CHOOSE)
    # The session, the user and their permissions, then the pictures with their counts.
    with django_assert_num_queries(4):
        client.get(CHOOSE)


def test_the_list_is_the_newsrooms_only(client, reader, staff_without_roles):
    client.force_login(staff_without_roles)
    assert client.get(CHOOSE).status_code == 403
    client.logout()
    assert client.get(CHOOSE).status_code == 302  # to the admin's sign-in


def test_an_upload_from_the_dialog_is_stored_with_its_description_and_answers_its_card(as_user, editor):
    response = as_user(editor).post(UPLOAD, upload_post())
    assert response.status_code == 201
    image = Image.objects.get()
    assert (image.alt_ar, image.caption_en, image.credit_en) == (
        "جنود أمريكيون في قاعدة عين الأسد",
        "Ain al-Asad base in western Iraq",
        "Reuters",
    )
    assert (image.focal_x, image.focal_y, image.uploaded_by) == (0.3, 0.6, editor)
    picture = response.json()["picture"]
    assert picture["id"] == image.pk and picture["thumbnail"]


@pytest.mark.parametrize(
    ("upload", "says"),
    [
        (SimpleUploadedFile("page.jpg", b"<html>not a picture</html>"), "is not a JPEG, PNG, WebP or AVIF picture"),
        (SimpleUploadedFile("notes.txt", b"hello"), "is not a kind of file the newsroom takes"),
        (SimpleUploadedFile("empty.jpg", b""), "empty"),
    ],
)
def test_a_refused_upload_says_why_and_stores_nothing(as_user, editor, upload, says):
    response = as_user(editor).post(UPLOAD, upload_post(file=upload))
    assert response.status_code == 400
    assert says in " ".join(response.json()["errors"]["file"])
    assert not Image.objects.exists()


@override_settings(NEWSROOM_UPLOAD_MAX_BYTES=100)
def test_a_picture_too_large_is_refused_with_the_limit(as_user, editor):
    response = as_user(editor).post(UPLOAD, upload_post())
    assert response.status_code == 400
    assert "a picture may be at most 100" in response.json()["errors"]["file"][0]
    assert not Image.objects.exists()


def test_uploading_needs_the_right_to_add_pictures_and_a_post(as_user, editor, staff_without_roles, client):
    assert as_user(editor).get(UPLOAD).status_code == 405
    client.force_login(staff_without_roles)
    response = client.post(UPLOAD, upload_post())
    assert response.status_code == 403 and "errors" in response.json()
    assert not Image.objects.exists()


def test_the_upload_checks_the_csrf_token(editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(UPLOAD, upload_post()).status_code == 403
    assert not Image.objects.exists()


def test_the_story_form_has_the_dialog_and_the_picture_form_has_room_for_arabic(as_user, editor):
    client = as_user(editor)
    form = client.get("/admin/articles/article/add/").content.decode()
    assert "data-picture-dialog" in form and "data-picture-open" in form
    assert "newsroom_admin/picture_dialog.js" in form
    library = client.get("/admin/articles/image/add/").content.decode()
    for name in ("alt_ar", "caption_ar", "alt_en", "caption_en"):
        start = library.index(f'name="{name}"')
        tag = library[library.rindex("<", 0, start) : start]
        assert tag.startswith("<textarea"), name
