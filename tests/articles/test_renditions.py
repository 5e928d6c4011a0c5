"""Renditions: made once with Pillow, stored, and only read by pages."""

import io
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
    assert sorted((r.format, r.width, r.height) for r in made if not r.crop) == [
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
    made = renditions_ensure(image=image)
    assert sorted((r.format, r.width) for r in made if not r.crop) == [("jpeg", 64), ("webp", 64)]


def test_making_renditions_again_makes_nothing():
    image = big_image()
    assert len(renditions_ensure(image=image)) == 8 + 3  # four widths in two formats, three crops
    assert renditions_ensure(image=image) == []
    assert Rendition.objects.filter(image=image).count() == 11


def test_uploading_an_image_makes_its_renditions_once_committed(editor, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("photo.jpg", image_bytes(size=(900, 600)), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = image_create(user=editor, file=upload, alt_ar="صورة")
    assert not Rendition.objects.filter(image=image).exists()
    for callback in callbacks:
        callback()
    assert sorted(Rendition.objects.filter(image=image, crop="").values_list("format", "width")) == [
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
    assert Rendition.objects.filter(image=image, crop="").count() == 4  # 480 and 600 wide, two formats
    assert Rendition.objects.filter(image=image).exclude(crop="").count() == 3


def test_backfill_command_makes_what_is_missing(capsys):
    image = big_image((500, 300))
    call_command("make_renditions", "--dry-run")
    assert not Rendition.objects.exists()
    call_command("make_renditions")
    assert Rendition.objects.filter(image=image).count() == 7  # 480 and 500 wide in two formats, three crops
    assert "7 renditions made" in capsys.readouterr().out


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


# --- Crops around the focal point ---------------------------------------------------


@pytest.mark.parametrize(
    ("focal", "box"),
    [
        ((0.5, 0.5), (206, 0, 1095, 500)),  # 16:9 of a 1300 × 500 picture is 889 × 500, centred
        ((0.6, 0.5), (336, 0, 1225, 500)),
        ((0.9, 0.5), (411, 0, 1300, 500)),  # as far right as the picture goes
        ((0.0, 0.5), (0, 0, 889, 500)),
    ],
)
def test_a_crop_is_the_largest_box_of_its_shape_centred_on_the_focal_point(focal, box):
    from articles.services.media import crop_box

    assert crop_box(1300, 500, (16, 9), *focal) == box


def test_crops_keep_the_focal_point_in_view():
    from articles.services.media import crop_box

    assert crop_box(600, 1000, (1, 1), 0.5, 0.1) == (0, 0, 600, 600)  # a face near the top of a portrait
    assert crop_box(600, 1000, (1, 1), 0.5, 0.9) == (0, 400, 600, 1000)
    assert crop_box(600, 1000, (4, 3), 0.5, 0.5) == (0, 275, 600, 725)


def test_each_picture_gets_16_9_4_3_and_1_1_crops_as_jpeg():
    image = big_image((2000, 1000))
    made = {r.crop: r for r in renditions_ensure(image=image) if r.crop}
    assert {crop: (r.format, r.width, r.height) for crop, r in made.items()} == {
        "16x9": ("jpeg", 1200, 675),
        "4x3": ("jpeg", 1200, 900),
        "1x1": ("jpeg", 1000, 1000),  # never wider than the picture allows
    }
    for rendition in made.values():
        with rendition.file.open("rb") as handle, Picture.open(handle) as picture:
            assert picture.size == (rendition.width, rendition.height)
    image.refresh_from_db()
    assert [width for _name, width, _height in image.sources["jpeg-16x9"]] == [1200]


def test_a_crop_is_cut_around_the_focal_point():
    # Left half black, right half white: a focal point on the right gives a white square.
    picture = Picture.new("RGB", (1000, 400), "black")
    picture.paste(Picture.new("RGB", (500, 400), "white"), (500, 0))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")
    image = ImageFactory(file=ContentFile(buffer.getvalue(), name="halves.jpg"), focal_x=0.95, focal_y=0.5)
    square = next(r for r in renditions_ensure(image=image) if r.crop == "1x1")
    with square.file.open("rb") as handle, Picture.open(handle) as cropped:
        assert cropped.convert("L").getpixel((200, 200)) > 240


def test_moving_the_focal_point_makes_the_crops_again(editor, django_capture_on_commit_callbacks):
    from articles.services.media import image_update

    image = big_image((1600, 900))
    renditions_ensure(image=image)
    old_square = Rendition.objects.get(image=image, crop="1x1")
    whole = set(Rendition.objects.filter(image=image, crop="").values_list("pk", flat=True))
    image.focal_x = 0.1
    with django_capture_on_commit_callbacks(execute=True):
        image_update(image=image)
    new_square = Rendition.objects.get(image=image, crop="1x1")
    assert new_square.pk != old_square.pk
    with new_square.file.open("rb") as handle, Picture.open(handle) as picture:
        assert picture.size == (900, 900)
    assert set(Rendition.objects.filter(image=image, crop="").values_list("pk", flat=True)) == whole
    # The old crops' files went with them: every file kept is a rendition's.
    storage = new_square.file.storage
    folder = new_square.file.name.rsplit("/", 1)[0]
    kept = {f"{folder}/{name}" for name in storage.listdir(folder)[1]}
    assert kept == set(Rendition.objects.filter(image=image).values_list("file", flat=True))
    image.refresh_from_db()
    assert image.sources["jpeg-1x1"][0][0] == new_square.file.name


def test_editing_a_caption_leaves_the_crops_alone(django_capture_on_commit_callbacks):
    from articles.services.media import image_update

    image = big_image((1600, 900))
    renditions_ensure(image=image)
    before = set(Rendition.objects.filter(image=image).values_list("pk", flat=True))
    image.caption_ar = "تعليق جديد"
    with django_capture_on_commit_callbacks(execute=True):
        image_update(image=image)
    assert set(Rendition.objects.filter(image=image).values_list("pk", flat=True)) == before


def test_link_previews_and_search_engines_get_the_crops(client):
    import json
    import re

    image = big_image((2000, 1000))
    renditions_ensure(image=image)
    article = published(lead_image=image)
    page = client.get(f"/ar/news/{article.pk}/{article.slug}/").content.decode()
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert "-16x9-1200w.jpg" in og_image
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    shapes = [re.search(r"-(16x9|4x3|1x1)-\d+w\.jpg$", url).group(1) for url in data["image"]]
    assert shapes == ["16x9", "4x3", "1x1"]
