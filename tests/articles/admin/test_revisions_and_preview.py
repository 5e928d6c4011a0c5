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


def preview_post(article, **changes) -> dict:
    from .helpers import story_post

    return {**story_post(article.latest_revision, base=article.latest_revision, **changes), "language": "ar"}


def test_preview_of_the_form_draws_what_is_on_screen_and_saves_nothing(as_user, editor):
    from articles.models import Revision
    from tests.factories import AuthorFactory

    article = draft(editor, headline_ar="العنوان المحفوظ", headline_en="Saved headline")
    author = AuthorFactory(name_ar="سارة حسن", name_en="Sara Hassan")
    address = url("preview_unsaved", article)
    client = as_user(editor)

    response = client.post(address, preview_post(article, headline_ar="عنوان لم يُحفظ بعد", authors=[author]))
    page = response.content.decode()
    assert response.status_code == 200 and "articles/story.html" in [t.name for t in response.templates]
    assert "عنوان لم يُحفظ بعد" in page and "العنوان المحفوظ" not in page and "سارة حسن" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert Revision.objects.filter(article=article).count() == 1
    article.refresh_from_db()
    assert article.latest_revision.headline_ar == "العنوان المحفوظ"

    english = client.post(address, {**preview_post(article, headline_en="Unsaved headline"), "language": "en"})
    assert '<html lang="en" dir="ltr">' in english.content.decode() and "Unsaved headline" in english.content.decode()


def test_preview_of_the_form_leaves_out_what_the_form_refuses(as_user, editor):
    article = draft(editor, headline_ar="عنوان")
    response = as_user(editor).post(
        url("preview_unsaved", article), preview_post(article, headline_ar="عنوان جديد", publish_at="not a date")
    )
    assert response.status_code == 200 and "عنوان جديد" in response.content.decode()


def test_preview_of_the_form_is_a_post_by_someone_who_may_edit(as_user, editor, client, staff_without_roles):
    from tests.factories import trashed

    article = draft(editor)
    assert as_user(editor).get(url("preview_unsaved", article)).status_code == 405
    gone = trashed(editor)
    assert as_user(editor).post(url("preview_unsaved", gone), preview_post(gone)).status_code == 403
    client.force_login(staff_without_roles)
    assert client.post(url("preview_unsaved", article), preview_post(article)).status_code == 403


def test_the_story_form_previews_what_is_on_screen_in_a_new_tab(as_user, editor):
    article = draft(editor)
    page = as_user(editor).get(url("change", article)).content.decode()
    button = page[page.index('class="desk-preview-button"') - 40 : page.index('class="desk-preview-button"') + 400]
    assert 'form="article_form"' in button and 'formtarget="_blank"' in button and 'formmethod="post"' in button
    assert f'formaction="{url("preview_unsaved", article)}"' in button
