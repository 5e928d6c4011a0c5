"""One revision, read-only; and any revision previewed with the public template."""

import pytest

from tests.factories import draft, edit, published

from .helpers import url

pytestmark = pytest.mark.django_db


def test_a_revision_is_read_as_it_was_saved(as_user, editor):
    article = draft(editor, headline_ar="العنوان الأول", headline_en="First headline")
    edit(article, editor, headline_ar="العنوان الثاني")
    response = as_user(editor).get(url("revision", article, number=1))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<dd>العنوان الأول</dd>" in page and "<dd>العنوان الثاني</dd>" not in page
    assert 'dir="rtl" lang="ar"' in page and 'dir="ltr" lang="en"' in page
    assert "Restore as a new draft" in page


def test_the_revision_address_is_the_one_revisions_give(as_user, editor):
    article = draft(editor)
    revision = article.latest_revision
    assert revision.get_absolute_url() == url("revision", article, number=1)
    assert as_user(editor).get(revision.get_absolute_url()).status_code == 200
    assert as_user(editor).get(url("revision", article, number=9)).status_code == 404


def test_preview_renders_a_draft_with_the_public_template_in_its_language(as_user, editor):
    article = draft(editor, headline_ar="عنوان المسودة", headline_en="Draft headline")
    client = as_user(editor)

    arabic = client.get(url("preview", article, number=1))
    assert arabic.status_code == 200
    assert "articles/story.html" in [template.name for template in arabic.templates]
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()
    assert "عنوان المسودة" in arabic.content.decode()

    english = client.get(url("preview", article, number=1), {"language": "en"})
    assert '<html lang="en" dir="ltr">' in english.content.decode()
    assert "Draft headline" in english.content.decode()


def test_preview_is_never_cached(as_user, editor):
    article = draft(editor)
    response = as_user(editor).get(url("preview", article, number=1))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_shows_an_edit_of_a_live_story_before_readers_see_it(as_user, client, editor):
    article = published(editor, headline_ar="المنشور")
    edit(article, editor, headline_ar="التعديل القادم")
    public = client.get(article.get_absolute_url())
    preview = as_user(editor).get(url("preview", article, number=2))
    assert "التعديل القادم" not in public.content.decode()
    assert "التعديل القادم" in preview.content.decode()


def test_preview_is_refused_to_anyone_without_the_desk(client, reader, inactive_editor, staff_without_roles, editor):
    article = draft(editor, headline_ar="سري قبل النشر")
    anonymous = client.get(url("preview", article, number=1))
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    for user in (reader, inactive_editor):
        client.force_login(user)
        response = client.get(url("preview", article, number=1))
        assert response.status_code == 302 and "سري" not in response.content.decode()
    client.force_login(staff_without_roles)
    response = client.get(url("preview", article, number=1))
    assert response.status_code == 403 and "سري" not in response.content.decode()
