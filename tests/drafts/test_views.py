"""The draft-copy endpoints and the story form's panel, through the real URLs."""

import json
import re

import pytest
from django.urls import reverse

from drafts import services
from drafts.models import DraftBuffer
from tests.articles.admin.helpers import story_post, url
from tests.factories import EditorFactory, TagFactory, draft

pytestmark = pytest.mark.django_db


def address(name, story):
    return reverse(f"admin:drafts_draftbuffer_{name}", kwargs={"story": story})


def offered(response) -> dict:
    """The server copy the form offers back (its ``json_script``)."""
    found = re.search(
        r'<script id="draft-copy-server" type="application/json">(.*?)</script>', response.content.decode()
    )
    assert found, "no copy offered"
    return json.loads(found.group(1))


def test_autosave_keeps_the_posted_form_as_the_persons_copy(as_user, editor):
    story = draft(editor)
    client = as_user(editor)
    tag = TagFactory()

    response = client.post(
        address("copy", story.pk),
        {"headline_ar": "عنوان قيد الكتابة", "tags": [tag.pk], "base_revision": story.latest_revision_id},
    )

    assert response.status_code == 200
    assert response.json()["time"]
    buffer = DraftBuffer.objects.get()
    assert (buffer.user, buffer.article, buffer.base_revision) == (editor, story, story.latest_revision)
    assert buffer.content["headline_ar"] == ["عنوان قيد الكتابة"]
    assert buffer.content["tags"] == [str(tag.pk)]
    read = client.get(address("copy", story.pk)).json()["copy"]
    assert read["values"]["headline_ar"] == ["عنوان قيد الكتابة"]
    assert read["labels"]["tags"] == {str(tag.pk): str(tag)}
    assert read["base_number"] == 1


def test_only_the_forms_own_fields_are_kept(as_user, editor):
    story = draft(editor)
    response = as_user(editor).post(address("copy", story.pk), {"headline_ar": "x", "is_live": "1"})
    assert response.status_code == 200
    assert "is_live" not in DraftBuffer.objects.get().content


def test_the_times_are_the_desks_digits(as_user, editor):
    story = draft(editor)
    client = as_user(editor)
    client.cookies["django_language"] = "ar"
    time = client.post(address("copy", story.pk), {"headline_ar": "x"}, HTTP_ACCEPT_LANGUAGE="ar").json()["time"]
    assert set(time) <= set("٠١٢٣٤٥٦٧٨٩:")


def test_discard_throws_the_copy_away(as_user, editor):
    story = draft(editor)
    services.buffer_save(user=editor, article=story, content={"headline_ar": ["x"]})
    assert as_user(editor).post(address("discard", story.pk)).json() == {"discarded": True}
    assert not DraftBuffer.objects.exists()


def test_compare_draws_the_copy_against_the_current_revision_with_the_projects_diff(as_user, editor):
    story = draft(editor, headline_ar="العنوان المحفوظ")
    content = {"headline_ar": ["العنوان الجديد"], "body_ar": [story.latest_revision.body_ar]}
    services.buffer_save(user=editor, article=story, content=content)
    client = as_user(editor)

    answer = client.get(address("compare", story.pk)).json()

    assert answer["changes"] >= 1
    assert '<ins class="diff-insert">' in answer["html"] and "الجديد" in answer["html"]
    assert '<del class="diff-delete">' in answer["html"] and "المحفوظ" in answer["html"]
    assert "Revision 1" in answer["html"] and "Your draft copy" in answer["html"]
    # The browser's copy is compared the same way, posted.
    posted = client.post(address("compare", story.pk), {"headline_ar": "عنوان من المتصفح"}).json()
    assert "المتصفح" in posted["html"]


def test_the_form_offers_a_copy_that_says_something_new_and_not_one_that_does_not(as_user, editor):
    story = draft(editor)
    client = as_user(editor)
    page = client.get(url("change", story)).content.decode()
    assert "data-autosave" in page and "newsroom_admin/autosave.js" in page
    assert 'id="draft-copy-server"' not in page

    services.buffer_save(user=editor, article=story, content={"headline_ar": ["نص لم يحفظ"]})
    response = client.get(url("change", story))
    assert offered(response)["values"]["headline_ar"] == ["نص لم يحفظ"]


def test_the_new_story_form_has_its_own_copy(as_user, editor):
    client = as_user(editor)
    services.buffer_save(user=editor, article=None, content={"headline_ar": ["قصة لم تولد"]})
    response = client.get(url("add"))
    assert f'data-copy-url="{address("copy", "new")}"' in response.content.decode()
    assert offered(response)["values"]["headline_ar"] == ["قصة لم تولد"]


def test_saving_through_the_form_removes_the_copy(as_user, editor):
    story = draft(editor)
    services.buffer_save(user=editor, article=story, content={"headline_ar": ["نص"]})
    revision = story.latest_revision
    as_user(editor).post(url("change", story), story_post(revision, base=revision, headline_ar="نص"))
    assert not DraftBuffer.objects.exists()


def test_a_save_marked_by_the_script_answers_its_redirect_as_json_with_the_message_kept(as_user, editor):
    story = draft(editor)
    revision = story.latest_revision
    client = as_user(editor)

    response = client.post(
        url("change", story), story_post(revision, base=revision, headline_ar="نص جديد"), HTTP_X_DESK_SAVE="1"
    )

    assert response.status_code == 200
    assert response.json() == {"location": url("change", story)}
    page = client.get(url("change", story)).content.decode()
    assert "Saved as revision 2." in page


def test_an_ended_session_answers_the_script_with_the_sign_in_page(client, editor):
    story = draft(editor)
    response = client.post(url("change", story), {"headline_ar": "x"}, HTTP_X_DESK_SAVE="1")
    assert response.json()["location"].startswith(reverse("admin:login"))


def test_a_fresh_token_after_signing_in(as_user, editor):
    answer = as_user(editor).get(reverse("admin:drafts_draftbuffer_session")).json()
    assert answer["user"] == editor.pk and len(answer["csrf_token"]) == 64


def test_the_drafts_screen_is_not_on_the_admin_index(as_user, superuser):
    page = as_user(superuser).get(reverse("admin:index")).content.decode()
    assert "draftbuffer" not in page


def test_nobody_elses_copy_is_ever_read(as_user, editor):
    story = draft(editor)
    colleague = EditorFactory()
    services.buffer_save(user=colleague, article=story, content={"headline_ar": ["نص الزميل"]})
    client = as_user(editor)
    assert client.get(address("copy", story.pk)).json() == {"copy": None}
    assert 'id="draft-copy-server"' not in client.get(url("change", story)).content.decode()
    assert json.loads(client.get(address("compare", story.pk)).content) == {"changes": 0, "html": ""}


def test_an_autosave_whose_database_connection_drops_answers_503_for_the_script_to_try_again(
    as_user, editor, monkeypatch
):
    from django.db import OperationalError

    story = draft(editor)
    client = as_user(editor)

    def dropped(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "buffer_save", dropped)
    response = client.post(address("copy", story.pk), {"headline_ar": "نص"})

    assert response.status_code == 503
    assert "kept in this browser" in response.json()["error"]


# The autosave's usual case, in one query ------------------------------------

# Once the form's first copy exists: the signed-in user, then the one UPDATE
# that checks the right to edit the story and overwrites the copy.
COPY_QUERIES = 2


def test_an_autosave_over_the_forms_copy_is_one_query_after_the_user(as_user, editor, django_assert_num_queries):
    story = draft(editor)
    client = as_user(editor)
    client.post(address("copy", story.pk), {"headline_ar": "أول", "base_revision": story.latest_revision_id})
    with django_assert_num_queries(COPY_QUERIES):
        response = client.post(
            address("copy", story.pk), {"headline_ar": "ثان", "base_revision": story.latest_revision_id}
        )
    assert response.status_code == 200 and response.json()["time"]
    buffer = DraftBuffer.objects.get()
    assert buffer.content["headline_ar"] == ["ثان"] and buffer.base_revision == story.latest_revision


def test_the_new_storys_copy_is_one_query_after_the_user_too(as_user, editor, django_assert_num_queries):
    client = as_user(editor)
    client.post(address("copy", "new"), {"headline_ar": "أول"})
    with django_assert_num_queries(COPY_QUERIES):
        assert client.post(address("copy", "new"), {"headline_ar": "ثان"}).status_code == 200
    assert DraftBuffer.objects.get(article=None).content["headline_ar"] == ["ثان"]


def test_an_autosave_after_the_right_to_edit_was_taken_away_is_refused_and_keeps_nothing(as_user, editor):
    story = draft(editor)
    client = as_user(editor)
    client.post(address("copy", story.pk), {"headline_ar": "قبل"})
    editor.groups.clear()

    response = client.post(address("copy", story.pk), {"headline_ar": "بعد"})

    assert response.status_code == 403
    assert DraftBuffer.objects.get().content["headline_ar"] == ["قبل"]


def test_an_autosave_of_a_story_moved_to_the_trash_is_refused_and_keeps_nothing(as_user, editor):
    from articles import services as articles_services

    story = draft(editor)
    client = as_user(editor)
    client.post(address("copy", story.pk), {"headline_ar": "قبل"})
    articles_services.article_trash(article=story, user=editor)

    response = client.post(address("copy", story.pk), {"headline_ar": "بعد"})

    assert response.status_code == 403
    assert DraftBuffer.objects.get().content["headline_ar"] == ["قبل"]


def test_an_autosave_naming_another_storys_revision_keeps_no_revision_as_before(as_user, editor):
    story, other = draft(editor), draft(editor)
    client = as_user(editor)
    client.post(address("copy", story.pk), {"headline_ar": "أول", "base_revision": story.latest_revision_id})

    response = client.post(address("copy", story.pk), {"headline_ar": "ثان", "base_revision": other.latest_revision_id})

    assert response.status_code == 200
    buffer = DraftBuffer.objects.get()
    assert buffer.content["headline_ar"] == ["ثان"] and buffer.base_revision is None


def test_an_autosave_naming_a_number_no_key_can_hold_is_not_found(as_user, editor):
    story = draft(editor)
    client = as_user(editor)
    client.post(address("copy", story.pk), {"headline_ar": "أول"})
    assert client.post(address("copy", "9" * 30), {"headline_ar": "ثان"}).status_code == 404
    response = client.post(address("copy", story.pk), {"headline_ar": "ثان", "base_revision": "9" * 30})
    assert response.status_code == 200
    assert DraftBuffer.objects.get().base_revision is None
