"""Uploads: only whole JPEG, PNG, WebP and AVIF pictures whose content matches their name, within limits.

Every refusal names the problem. Renditions carry no EXIF (no GPS position)
and keep the camera's orientation; originals are kept where readers cannot
reach them, and public pages only ever link renditions.
"""

import functools
import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Picture

from articles.models import Image, Rendition
from articles.services.media import image_check, image_create, renditions_ensure
from tests.factories import image_bytes, published

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/image/add/"


def encoded(fmt: str, size=(64, 48), mode="RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Picture.new(mode, size, 1 if mode == "1" else (30, 90, 150)).save(buffer, fmt, **options)
    return buffer.getvalue()


@functools.cache
def noise(fmt: str, size=(1000, 1000)) -> bytes:
    """A picture of noise: big enough to need a temporary file, and with a long stream to cut."""
    picture = Picture.frombytes("RGB", size, bytes((i * 7919) % 251 for i in range(size[0] * size[1] * 3)))
    buffer = io.BytesIO()
    picture.save(buffer, fmt, **({"compress_level": 0} if fmt == "PNG" else {"quality": 95}))
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header promises ``width`` × ``height`` pixels: a decompression bomb's opening."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        image_check(ContentFile(content, name=name))
    return " ".join(refused.value.messages).replace("\xa0", " ")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("photo.jpg", "JPEG"), ("photo.JPEG", "JPEG"), ("map.png", "PNG"), ("photo.webp", "WEBP"), ("photo.avif", "AVIF")],
)
def test_the_four_formats_are_accepted_when_named_as_they_are(editor, name, fmt):
    image = image_create(user=editor, file=ContentFile(encoded(fmt), name=name), alt_ar="صورة")
    assert (image.width, image.height) == (64, 48)
    assert {r.format for r in renditions_ensure(image=image)} == {"jpeg", "webp"}


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
GIF = encoded("GIF")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", encoded("PNG"), "“photo.jpg” is named as a JPEG file but holds a PNG picture"),
        ("photo.png", encoded("JPEG"), "“photo.png” is named as a PNG file but holds a JPEG picture"),
        ("photo.webp", encoded("JPEG"), "named as a WebP file but holds a JPEG picture"),
        ("page.jpg", HTML, "“page.jpg” is not a JPEG, PNG, WebP or AVIF picture"),
        ("drawing.jpg", SVG, "“drawing.jpg” is not a JPEG, PNG, WebP or AVIF picture"),
        ("animation.jpg", GIF, "“animation.jpg” is not a JPEG, PNG, WebP or AVIF picture"),
        # A GIF that is also a script (a "GIFAR"-style polyglot), renamed.
        ("polyglot.jpg", b"GIF89a/*" + GIF[8:] + b"*/=1;alert(1)", "is not a JPEG, PNG, WebP or AVIF picture"),
        # A JPEG's opening bytes in front of an HTML page.
        ("polyglot2.jpg", b"\xff\xd8\xff\xe0" + HTML, "“polyglot2.jpg” is"),
        ("drawing.svg", SVG, "“drawing.svg” is not a kind of file the newsroom takes"),
        ("page.html", HTML, "“page.html” is not a kind of file the newsroom takes"),
        ("animation.gif", GIF, "“animation.gif” is not a kind of file the newsroom takes"),
        ("no-ending", encoded("JPEG"), "“no-ending” is not a kind of file the newsroom takes"),
        ("photo.jpg.html", encoded("JPEG"), "“photo.jpg.html” is not a kind of file"),
        ("empty.jpg", b"", "“empty.jpg” is empty"),
        ("cut.jpg", noise("JPEG")[: len(noise("JPEG")) // 2], "“cut.jpg” is damaged or incomplete"),
        ("cut.png", noise("PNG")[: len(noise("PNG")) // 2], "“cut.png” is damaged or incomplete"),
        ("bomb.png", png_header_only(100_000, 100_000), "“bomb.png” has more pixels than the limit of 40 megapixels"),
        ("wide.png", encoded("PNG", size=(8000, 6000), mode="1"), "“wide.png” is 8000 × 6000 pixels"),
    ],
)
def test_anything_else_is_refused_saying_what_is_wrong(name, content, message):
    assert message in refusal(name, content)


def test_the_pixel_limit_is_checked_from_the_header_before_decoding(monkeypatch):
    decoded = []
    content = encoded("PNG", size=(8000, 6000), mode="1")
    monkeypatch.setattr(Picture.Image, "load", lambda self: decoded.append(self) or None)
    assert "8000 × 6000 pixels" in refusal("wide.png", content)
    assert not decoded


def test_the_size_limit_is_a_setting(settings):
    settings.NEWSROOM_UPLOAD_MAX_BYTES = 1000
    assert "“big.jpg” is 1.1 KB; a picture may be at most 1000 bytes." in refusal("big.jpg", b"x" * 1100)


def test_the_service_refuses_before_anything_is_stored(editor, settings):
    with pytest.raises(ValidationError) as refused:
        image_create(user=editor, file=ContentFile(HTML, name="page.jpg"), alt_ar="صورة")
    assert "file" in refused.value.message_dict
    assert not Image.objects.exists()
    assert not list(Path(settings.NEWSROOM_ORIGINALS_ROOT).rglob("*.*"))


def jpeg_with_location(size=(300, 200), orientation=6) -> bytes:
    exif = Picture.Exif()
    exif[0x0112] = orientation  # "rotate 90° clockwise to view"
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (33.0, 18.0, 0.0), 3: "E", 4: (44.0, 22.0, 0.0)}  # Baghdad
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>'
    buffer = io.BytesIO()
    Picture.new("RGB", size, (200, 120, 40)).save(buffer, "JPEG", exif=exif, xmp=xmp, comment=b"GPS 33.3N 44.4E")
    return buffer.getvalue()


def test_renditions_carry_no_exif_or_location_and_keep_the_orientation(editor):
    image = image_create(user=editor, file=ContentFile(jpeg_with_location(), name="scene.jpg"), alt_ar="مشهد")
    with image.file.open("rb") as handle, Picture.open(handle) as original:
        assert original.getexif().get_ifd(0x8825)  # the upload had a location
    made = renditions_ensure(image=image)
    assert made
    for rendition in made:
        with rendition.file.open("rb") as handle, Picture.open(handle) as picture:
            picture.load()
            assert not picture.getexif(), rendition
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(picture.info), rendition
            if not rendition.crop:  # the crops take their own shape
                assert picture.width < picture.height  # turned upright, as the camera said
            data = rendition.file.open("rb").read()
            assert b"Exif" not in data and b"GPS" not in data


# --- Originals never reach readers ------------------------------------------------


def test_originals_are_kept_outside_the_public_media_folder(editor, settings):
    image = image_create(user=editor, file=ContentFile(jpeg_with_location(), name="scene.jpg"), alt_ar="مشهد")
    renditions_ensure(image=image)
    media, originals = Path(settings.MEDIA_ROOT), Path(settings.NEWSROOM_ORIGINALS_ROOT)
    assert (originals / image.file.name).exists()
    assert not (media / image.file.name).exists()
    assert [path.name for path in media.rglob("*.*")] and all("renditions" in path.parts for path in media.rglob("*.*"))
    assert not image.file.url.startswith(settings.MEDIA_URL)


def test_public_pages_link_renditions_and_never_the_original(client, editor):
    image = image_create(user=editor, file=ContentFile(jpeg_with_location(), name="scene.jpg"), alt_ar="مشهد")
    renditions_ensure(image=image)
    article = published(lead_image=image)
    for address in (article.get_absolute_url(), "/ar/", article.section.get_absolute_url(), "/ar/feeds/rss/"):
        page = client.get(address).content.decode()
        assert image.file.name not in page and "/admin/articles/image/original/" not in page, address
    story = client.get(article.get_absolute_url()).content.decode()
    assert Rendition.objects.filter(image=image).first().file.url in story


def test_the_original_is_shown_to_the_newsroom_only(client, editor, reader):
    image = image_create(user=editor, file=ContentFile(image_bytes(), name="photo.jpg"), alt_ar="صورة")
    assert client.get(image.file.url).status_code == 302  # to the admin's sign-in
    client.force_login(reader)
    assert client.get(image.file.url).status_code == 302
    client.force_login(editor)
    response = client.get(image.file.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == image_bytes()
    assert "no-store" in response["Cache-Control"]
    assert client.get("/admin/articles/image/original/images/none.jpg").status_code == 404


# --- The admin's picture form ----------------------------------------------------


def upload(client, name, content, **fields):
    data = {"file": SimpleUploadedFile(name, content), "alt_ar": "صورة", "focal_x": "0.5", "focal_y": "0.5"}
    return client.post(ADD, {**data, **fields})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", encoded("PNG"), "is named as a JPEG file but holds a PNG picture"),
        ("page.jpg", HTML, "is not a JPEG, PNG, WebP or AVIF picture"),
        ("bomb.png", png_header_only(100_000, 100_000), "has more pixels than the limit of 40 megapixels"),
        ("cut.jpg", noise("JPEG")[: len(noise("JPEG")) // 2], "is damaged or incomplete"),
    ],
)
def test_the_admin_form_shows_the_services_reason(as_user, editor, name, content, message):
    response = as_user(editor).post(
        ADD, {"file": SimpleUploadedFile(name, content), "alt_ar": "صورة", "focal_x": "0.5", "focal_y": "0.5"}
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["file"])
    assert not Image.objects.exists()


def test_an_oversized_upload_through_the_admin_gets_a_form_error_not_a_413(as_user, editor, settings):
    # Bigger than Django's in-memory limits (the file goes to a temporary
    # file, and DATA_UPLOAD_MAX_MEMORY_SIZE does not count files) and than
    # the newsroom's own limit, which answers with a message on the form.
    size = settings.NEWSROOM_UPLOAD_MAX_BYTES + 1024
    assert size > settings.FILE_UPLOAD_MAX_MEMORY_SIZE and size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = upload(as_user(editor), "huge.jpg", b"\xff\xd8\xff" + b"\0" * (size - 3))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["file"]).replace("\xa0", " ")
    assert "“huge.jpg” is 20.0 MB; a picture may be at most 20.0 MB." in errors
    assert not Image.objects.exists()


def test_a_picture_above_djangos_memory_limit_but_within_the_newsrooms_is_taken(as_user, editor, settings):
    content = noise("PNG")
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE < len(content) < settings.NEWSROOM_UPLOAD_MAX_BYTES
    response = upload(as_user(editor), "noise.png", content)
    assert response.status_code == 302
    assert Image.objects.get().width == 1000
