"""Two app servers, one PostgreSQL, one Redis, one bucket, one task worker.

What a newsroom gets when it adds a second app server behind its load
balancer: a story approved through one server is served updated by the other
at once, a session opened on one works on the other, and a picture uploaded
through one is served from shared storage on the other's pages.

Needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL); reported as skipped
without them.
"""

import os
import re
import time

import pytest
import requests
from django.db import connection
from django.test import override_settings
from django.utils import translation

from articles import services
from articles.models import Image, Rendition
from articles.services.library import library_save
from tests.factories import EditorFactory, ModeratorFactory, edit, image_bytes, published
from tests.servers import BIN, app_servers, production_env, running, s3_server

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
        reason="several app servers share PostgreSQL and Redis (set DATABASE_URL and REDIS_URL)",
    ),
]


def database_url() -> str:
    s = connection.settings_dict
    return f"postgresql://{s['USER']}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def cluster(static_root):
    """Servers A and B and a worker, sharing the test database, Redis and an S3 bucket.

    Started afresh for each test: between tests the suite empties and refills
    the database, which long-running servers would not expect of production
    (their cached content types would point at rows that were renumbered).
    """
    with s3_server() as s3:
        env = production_env(
            database_url=database_url(),
            static_root=static_root,
            REDIS_URL=os.environ["REDIS_URL"],
            TASKS_BACKEND="database",
            **s3,
        )
        worker = [str(BIN / "python"), "manage.py", "db_worker", "--no-reload", "--interval", "0.2"]
        with app_servers(env, 2) as (a, b), running(worker, url=a + "/ar/", env=env):
            yield a, b


def account(factory, username):
    """A user whose password the servers' production hashers can check (the suite hashes with MD5)."""
    user = factory(username=username)
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        user.set_password("pass")
        user.save(update_fields=["password"])
    return user


def sign_in(session: requests.Session, server: str, username: str) -> None:
    session.get(f"{server}/admin/login/")
    response = session.post(
        f"{server}/admin/login/?next=/admin/",
        data={"username": username, "password": "pass", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]


def test_a_session_opened_on_one_server_works_on_the_other(cluster):
    a, b = cluster
    account(ModeratorFactory, "mona")
    session = requests.Session()
    sign_in(session, a, "mona")
    desk = session.get(f"{b}/admin/", allow_redirects=False)
    assert desk.status_code == 200
    assert "mona" in desk.text


def test_a_story_approved_through_one_server_is_served_updated_by_the_other_at_once(cluster):
    a, b = cluster
    editor, moderator = account(EditorFactory, "sara"), account(ModeratorFactory, "mona")
    article = published(editor, moderator, headline_ar="العنوان الأول للخبر")
    with translation.override("ar"):
        path = article.get_absolute_url()
    first = requests.get(b + path)
    assert "العنوان الأول للخبر" in first.text
    assert requests.get(b + path).headers["ETag"] == first.headers["ETag"]  # B has the page cached

    revision = edit(article, editor, headline_ar="العنوان المحدث للخبر").revision
    services.article_submit(article=article, revision=revision, user=editor)
    session = requests.Session()
    sign_in(session, a, "mona")
    approved = session.post(
        f"{a}/admin/articles/article/{article.pk}/move/publish/",
        data={"publish-revision": revision.pk, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        allow_redirects=False,
    )
    assert approved.status_code == 302
    article.refresh_from_db()
    follow = session.get(a + approved.headers["Location"]).text
    assert article.live_revision_id == revision.pk, re.findall(r"<ul class=\"messagelist\">.*?</ul>", follow, re.S)
    page = requests.get(b + path).text
    assert "العنوان المحدث للخبر" in page
    assert "العنوان الأول للخبر" not in page
    assert "العنوان المحدث للخبر" in requests.get(b + "/ar/").text  # the home page too


def test_a_picture_uploaded_through_one_server_is_served_on_the_others_pages(cluster):
    a, b = cluster
    editor, moderator = account(EditorFactory, "sara"), account(ModeratorFactory, "mona")
    session = requests.Session()
    sign_in(session, a, "sara")
    upload = session.post(
        f"{a}/admin/articles/image/add/",
        data={
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "alt_ar": "جنود في قاعدة عسكرية",
            "alt_en": "Soldiers at a base",
            "caption_ar": "قاعدة عين الأسد",
            "credit_ar": "رويترز",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
        files={"file": ("base.jpg", image_bytes(size=(1000, 600)), "image/jpeg")},
        allow_redirects=False,
    )
    assert upload.status_code == 302, upload.text[:2000]
    image = Image.objects.get(alt_ar="جنود في قاعدة عسكرية")
    deadline = time.monotonic() + 30
    while Rendition.objects.filter(image=image).count() < 9 and time.monotonic() < deadline:
        time.sleep(0.2)  # the worker makes the renditions; the upload did not wait for them
    # 480, 800 and 1000 wide in JPEG and WebP, and the three crops
    assert Rendition.objects.filter(image=image).count() == 9

    article = published(editor, moderator, lead_image=image)
    with translation.override("ar"):
        page = requests.get(b + article.get_absolute_url()).text
    sources = re.findall(r'srcset="([^" ]+)', page)
    assert sources, page[:2000]
    picture = requests.get(sources[0])
    assert picture.status_code == 200
    assert picture.headers["Content-Type"] in {"image/webp", "image/jpeg"}
    assert picture.content[:4] in {b"RIFF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb"}


def test_a_renamed_section_shows_in_both_servers_navigation_on_the_next_request(cluster):
    """Each server keeps its drawn navigation in memory; the page cache's navigation version tells both at once."""
    a, b = cluster
    section = published(headline_ar="خبر في القسم").section
    for server in (a, b):
        for _ in range(2):  # drawn, then remembered (and the page stored)
            assert section.name_ar in requests.get(server + "/ar/").text
    section.name_ar = "الشؤون العربية والدولية"
    library_save(obj=section)  # this process commits it and tells the page cache, as a desk server would
    for server in (a, b):
        page = requests.get(server + "/ar/").text
        assert "الشؤون العربية والدولية" in page[page.index('<nav class="sections"') :]
