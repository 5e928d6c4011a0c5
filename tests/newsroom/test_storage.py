"""Media on S3-compatible object storage, through django-storages."""

import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from articles.services.media import image_create, renditions_ensure
from newsroom.settings.env import storages_config
from tests.factories import EditorFactory, image_bytes
from tests.servers import s3_server

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_env():
    with s3_server() as env:
        yield env


@pytest.fixture
def s3_storage(s3_env, monkeypatch, settings):
    for name, value in s3_env.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = storages_config("s3")
    yield storages["default"]


def test_an_uploaded_picture_is_stored_in_the_bucket_and_its_renditions_served_from_it(s3_storage, s3_env):
    image = image_create(
        user=EditorFactory(), file=ContentFile(image_bytes(), name="talks.jpg"), alt_ar="صورة", alt_en="A picture"
    )
    renditions_ensure(image=image)  # made once the upload commits
    rendition = image.renditions.get(format="jpeg", crop="")
    assert s3_storage.exists(rendition.file.name)
    url = rendition.file.url
    assert url.startswith(s3_env["AWS_S3_ENDPOINT_URL"] + "/newsroom-media/renditions/")
    assert "Signature" not in url  # public media: stable URLs that caches can keep
    with urllib.request.urlopen(url) as response:  # noqa: S310 - the local S3 server
        assert response.read()[:3] == b"\xff\xd8\xff"
    assert (image.width, image.height) == (64, 48)


def test_the_original_is_a_private_object_apart_from_the_renditions(s3_storage, s3_env):
    import boto3

    image = image_create(user=EditorFactory(), file=ContentFile(image_bytes(), name="talks.jpg"), alt_ar="صورة")
    originals = storages["originals"]
    key = f"originals/{image.file.name}"
    assert originals.exists(image.file.name) and not s3_storage.exists(image.file.name)
    client = boto3.client(
        "s3",
        endpoint_url=s3_env["AWS_S3_ENDPOINT_URL"],
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    assert client.get_object(Bucket="newsroom-media", Key=key)["Body"].read() == image_bytes()
    grants = client.get_object_acl(Bucket="newsroom-media", Key=key)["Grants"]
    assert not [grant for grant in grants if "AllUsers" in str(grant.get("Grantee"))]
    assert "Signature" in image.file.url  # the admin's link to it expires


def test_file_names_are_never_overwritten(s3_storage):
    first = s3_storage.save("images/same.jpg", ContentFile(b"one"))
    second = s3_storage.save("images/same.jpg", ContentFile(b"two"))
    assert first != second
    assert s3_storage.open(first).read() == b"one"


def test_s3_without_a_bucket_is_refused_with_a_message(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(ImproperlyConfigured, match="needs AWS_STORAGE_BUCKET_NAME"):
        storages_config("s3")


def test_an_unknown_media_storage_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE must be"):
        storages_config("ftp")
