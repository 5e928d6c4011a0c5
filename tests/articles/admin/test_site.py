"""The admin's front page is the editorial desk; the admin speaks Arabic or English."""

import pytest
from django.conf import settings

from articles import services
from articles.admin_site import NewsroomAdminSite
from tests.factories import EditorFactory, draft, published, submitted

pytestmark = pytest.mark.django_db

DESK = "/admin/"


def test_the_admin_is_the_newsrooms():
    from django.contrib import admin

    assert isinstance(admin.site, NewsroomAdminSite)


def test_an_editor_sees_their_drafts_reviews_and_what_was_published(as_user, editor):
    mine = draft(editor, headline_ar="مسودتي")
    draft(EditorFactory(), headline_ar="مسودة زميل")
    waiting = submitted(editor, headline_ar="قصتي في المراجعة")
    live = published(editor, headline_ar="قصة منشورة")
    response = as_user(editor).get(DESK)
    desk = response.context["desk"]
    assert list(desk["my_drafts"]) == [mine]
    assert list(desk["my_in_review"]) == [waiting]
    assert live in list(desk["recently_published"])
    assert "review_count" not in desk
    page = response.content.decode()
    assert "مسودتي" in page and "مسودة زميل" not in page and "قصتي في المراجعة" in page


def test_a_story_returned_to_its_editor_shows_the_moderators_comment(as_user, editor, moderator):
    article = submitted(editor, headline_ar="قصة أعيدت")
    services.article_request_changes(article=article, user=moderator, comment="أضف رأي الطرف الآخر")
    page = as_user(editor).get(DESK).content.decode()
    assert "قصة أعيدت" in page and "أضف رأي الطرف الآخر" in page

    services.article_submit(article=article, revision=article.latest_revision, user=editor)
    assert not as_user(editor).get(DESK).context["desk"]["returned"]


def test_a_moderator_also_sees_the_review_queue_count(as_user, editor, moderator):
    submitted(editor)
    submitted(editor)
    response = as_user(moderator).get(DESK)
    assert response.context["desk"]["review_count"] == 2
    assert "2 stories wait for review" in response.content.decode()
    assert "/admin/articles/article/review/" in response.content.decode()


def test_the_desk_takes_the_same_number_of_queries_however_busy(
    as_user, editor, moderator, django_assert_max_num_queries
):
    client = as_user(moderator)
    submitted(editor)
    client.get(DESK)
    with django_assert_max_num_queries(DESK_QUERIES) as few:
        client.get(DESK)
    for _ in range(6):
        submitted(editor)
        published(editor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(DESK)


# Session, user, permissions (2), the queue count, returned, drafts, in review,
# scheduled, recently published, the recent workflow moves and my other
# admin actions; planning's panel (assigned to me); live coverage's panel
# (open coverage, banners up); presence's panel (my parallel revisions).
DESK_QUERIES = 15


def test_people_without_the_desk_are_sent_to_sign_in(client, reader, inactive_editor):
    for user in (reader, inactive_editor):
        client.force_login(user)
        response = client.get(DESK)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("en", "ltr")])
def test_an_editor_chooses_the_admins_language(as_user, editor, language, direction):
    client = as_user(editor)
    response = client.post("/admin/language/", {"language": language, "next": "/admin/articles/article/"})
    assert response.status_code == 302 and response["Location"] == "/admin/articles/article/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    page = client.get(DESK, headers={"accept-language": "en" if language == "ar" else "ar"}).content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page


def test_recent_actions_are_the_desks_workflow_moves_with_headlines_in_the_desks_language(as_user, editor, moderator):
    from tests.factories import SectionFactory

    article = submitted(editor, headline_ar="عنوان عربي", headline_en="An English headline")
    arabic_only = submitted(editor, headline_ar="خبر بالعربية فقط", headline_en="", body_en="")
    services.revision_approve(article=article, revision=article.review_revision, user=moderator)
    SectionFactory(slug="new-section")
    client = as_user(moderator)
    response = client.get(DESK)
    moves = response.context["desk"]["recent_moves"]
    assert [(m.action, m.article_id) for m in moves][:2] == [("publish", article.pk), ("submit", arabic_only.pk)]
    box = response.content.decode().split('id="recent-actions-module"')[1]
    assert f'<a href="/admin/articles/article/{article.pk}/change/" lang="en" dir="ltr">An English headline</a>' in box
    assert 'lang="ar" dir="rtl">خبر بالعربية فقط</a>' in box
    assert "Approve and publish" in box and f"#{article.pk}" not in box

    client.cookies["django_language"] = "ar"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ar"
    box = client.get(DESK).content.decode().split('id="recent-actions-module"')[1]
    assert 'lang="ar" dir="rtl">عنوان عربي</a>' in box and "اعتماد ونشر" in box


def test_a_desk_pulse_may_have_its_value_read_for_it_and_otherwise_reads_for_itself(monkeypatch, editor):
    """The heartbeat reads what a pulse asks for (``read``) and hands it over; without it the pulse asks itself."""
    from types import SimpleNamespace

    from articles import admin_site

    monkeypatch.setattr(admin_site, "_desk_pulse", {})
    monkeypatch.setattr(admin_site, "_desk_pulse_reads", {})
    admin_site.register_desk_pulse(
        "t.read", lambda request, value=None: {"value": value}, read=lambda user: ("%s", [7])
    )
    admin_site.register_desk_pulse("t.own", lambda request: {"own": request.user.pk})
    admin_site.register_desk_pulse("t.none", lambda request, value=None: None, read=lambda user: None)
    assert admin_site.desk_pulse_reads(editor) == {"t.read": ("%s", [7])}
    request = SimpleNamespace(user=editor)
    assert admin_site.desk_pulse(request, read={"t.read": 7}) == {"t.read": {"value": 7}, "t.own": {"own": editor.pk}}
    assert admin_site.desk_pulse(request) == {"t.read": {"value": None}, "t.own": {"own": editor.pk}}
    admin_site.register_desk_pulse("t.read", lambda request: {"plain": True})
    assert admin_site.desk_pulse_reads(editor) == {}
