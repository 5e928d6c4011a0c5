"""Renditions: made once with Pillow, stored, and only read by pages."""

from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as Picture

from articles.models import Rendition
from articles.services.media import image_create, renditions_ensure
from tests.factories import ImageFactory, image_bytes, published

pytestmark = pytest.mark.django_db


def big_image(size=(1700, 1000)):
    return ImageFactory(file=ContentFile(image_bytes(size=size), name="wide.jpg"))


def test_renditions_are_jpeg_and_webp_at_each_width_the_original_allows():
    image = big_image((1000, 500))
    made = renditions_ensure(image=image)
    assert sorted((r.format, r.width, r.height) for r in made) == [
        ("jpeg", 480, 240),
        ("jpeg", 800, 400),
        ("jpeg", 1000, 500),
        ("webp", 480, 240),
        ("webp", 800, 400),
        ("webp", 1000, 500),
    ]
    for rendition in made:
        with rendition.file.open("rb") as handle, Picture.open(handle) as picture:
            assert picture.format == rendition.format.upper()
            assert picture.size == (rendition.width, rendition.height)


def test_a_small_original_gets_one_rendition_at_its_own_width():
    image = ImageFactory()  # 64 × 48
    assert sorted((r.format, r.width) for r in renditions_ensure(image=image)) == [("jpeg", 64), ("webp", 64)]


def test_making_renditions_again_makes_nothing():
    image = big_image()
    assert len(renditions_ensure(image=image)) == 8
    assert renditions_ensure(image=image) == []
    assert Rendition.objects.filter(image=image).count() == 8


def test_uploading_an_image_makes_its_renditions_once_committed(editor, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("photo.jpg", image_bytes(size=(900, 600)), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = image_create(user=editor, file=upload, alt_ar="صورة")
    assert not Rendition.objects.filter(image=image).exists()
    for callback in callbacks:
        callback()
    assert sorted(Rendition.objects.filter(image=image).values_list("format", "width")) == [
        ("jpeg", 480),
        ("jpeg", 800),
        ("jpeg", 900),
        ("webp", 480),
        ("webp", 800),
        ("webp", 900),
    ]


def test_a_story_going_live_ensures_its_lead_image_has_renditions(django_capture_on_commit_callbacks):
    image = big_image((600, 400))
    with django_capture_on_commit_callbacks(execute=True):
        published(lead_image=image)
    assert Rendition.objects.filter(image=image).count() == 4  # 480 and 600 wide, two formats


def test_backfill_command_makes_what_is_missing(capsys):
    image = big_image((500, 300))
    call_command("make_renditions", "--dry-run")
    assert not Rendition.objects.exists()
    call_command("make_renditions")
    assert Rendition.objects.filter(image=image).count() == 4  # 480 and 500 wide, two formats
    assert "4 renditions made" in capsys.readouterr().out


def test_pages_never_resize_images(client):
    article = published(lead_image=big_image())
    with mock.patch("PIL.Image.open", side_effect=AssertionError("resized on request")):
        assert client.get(f"/ar/news/{article.pk}/{article.slug}/").status_code == 200
        assert client.get("/ar/").status_code == 200


def test_story_picture_offers_webp_then_jpeg_srcsets(client):
    image = big_image()
    renditions_ensure(image=image)
    article = published(lead_image=image)
    page = client.get(f"/ar/news/{article.pk}/{article.slug}/").content.decode()
    picture = page.split("<picture>")[1].split("</picture>")[0]
    webp, img = picture.split("<img")
    assert 'type="image/webp"' in webp
    for width in (480, 800, 1200, 1600):
        assert f"-{width}w.webp {width}w" in webp
        assert f"-{width}w.jpg {width}w" in img
    assert 'width="800" height="471"' in img


def test_an_unreadable_picture_does_not_hold_back_the_story(client, caplog, django_capture_on_commit_callbacks):
    image = big_image()
    image.file.storage.delete(image.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        article = published(lead_image=image)
    assert article.is_live
    assert not Rendition.objects.filter(image=image).exists()
    assert "Could not make renditions" in caplog.text
    page = client.get(f"/ar/news/{article.pk}/{article.slug}/").content.decode()
    # No picture until the renditions are made: readers are never sent the original.
    assert "<picture" not in page and image.file.name not in page
