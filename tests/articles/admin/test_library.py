"""Sections, tags, authors and pictures; and the records no one may rewrite."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Image, Revision, Transition
from tests.factories import ImageFactory, image_bytes, published

pytestmark = pytest.mark.django_db


def test_a_picture_is_uploaded_through_the_service_with_its_description(as_user, editor):
    response = as_user(editor).post(
        "/admin/articles/image/add/",
        {
            "file": SimpleUploadedFile("photo.jpg", image_bytes(), content_type="image/jpeg"),
            "alt_ar": "جنود في قاعدة",
            "alt_en": "Soldiers at a base",
            "caption_ar": "قاعدة عين الأسد",
            "caption_en": "Ain al-Asad base",
            "credit_ar": "رويترز",
            "credit_en": "Reuters",
            "focal_x": "0.25",
            "focal_y": "0.75",
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.alt_ar, image.credit_en, image.focal_x, image.focal_y) == ("جنود في قاعدة", "Reuters", 0.25, 0.75)
    assert image.uploaded_by == editor and image.width == 64


def test_the_picture_form_types_each_language_in_its_direction_and_picks_a_focal_point(as_user, editor):
    page = as_user(editor).get("/admin/articles/image/add/").content.decode()
    for name, direction, language in [("alt_ar", "rtl", "ar"), ("caption_en", "ltr", "en")]:
        tag = page[page.index(f'name="{name}"') - 300 : page.index(f'name="{name}"') + 300]
        assert f'dir="{direction}"' in tag and f'lang="{language}"' in tag
    assert "data-focal-point" in page and "newsroom_admin/focal_point.js" in page


def test_a_pictures_file_cannot_change_after_upload(as_user, editor):
    image = ImageFactory()
    page = as_user(editor).get(f"/admin/articles/image/{image.pk}/change/").content.decode()
    assert 'name="file"' not in page and 'name="alt_ar"' in page


def test_the_lead_image_and_tags_are_picked_by_searching(as_user, editor):
    ImageFactory(alt_en="A map of Iraq")
    client = as_user(editor)
    page = client.get("/admin/articles/article/add/").content.decode()
    assert 'data-field-name="lead_image"' in page and 'data-field-name="tags"' in page
    found = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "lead_image", "term": "map"},
        headers={"accept-language": "en"},
    ).json()
    assert [result["text"] for result in found["results"]] == ["A map of Iraq"]


def test_section_names_are_typed_in_their_direction(as_user, superuser):
    page = as_user(superuser).get("/admin/articles/section/add/").content.decode()
    tag = page[page.index('name="name_ar"') - 300 : page.index('name="name_ar"') + 300]
    assert 'dir="rtl"' in tag and 'lang="ar"' in tag


@pytest.mark.parametrize("model", ["revision", "transition", "correction"])
def test_history_is_never_rewritten_not_even_by_a_superuser(as_user, superuser, editor, model):
    article = published(editor)
    from articles import services

    services.correction_add(article=article, user=superuser, kind="correction", text_ar="تصحيح")
    row = {"revision": Revision, "transition": Transition}.get(model)
    pk = row.objects.first().pk if row else article.corrections.get().pk
    client = as_user(superuser)
    assert client.get(f"/admin/articles/{model}/").status_code == 200
    assert client.get(f"/admin/articles/{model}/add/").status_code == 403
    assert client.get(f"/admin/articles/{model}/{pk}/delete/").status_code == 403
    assert client.post(f"/admin/articles/{model}/{pk}/change/", {}).status_code == 403
    assert client.post(f"/admin/articles/{model}/{pk}/delete/", {"post": "yes"}).status_code == 403


def test_a_revision_in_the_records_opens_on_its_story(as_user, editor):
    article = published(editor)
    revision = article.live_revision
    response = as_user(editor).get(f"/admin/articles/revision/{revision.pk}/change/")
    assert response.status_code == 302 and response["Location"] == revision.get_absolute_url()


def test_the_records_lists_read_no_long_text(as_user, editor, django_assert_max_num_queries):
    published(editor)
    client = as_user(editor)
    for model in ("revision", "transition", "correction"):
        client.get(f"/admin/articles/{model}/")
        with django_assert_max_num_queries(7) as queries:
            client.get(f"/admin/articles/{model}/")
        assert not [q for q in queries.captured_queries if '"body_ar"' in q["sql"]]
