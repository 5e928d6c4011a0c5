"""The comments' desk endpoints: the threads fragment and the writes behind the story's screens."""

import pytest

from comments import services
from comments.models import Comment, Thread
from tests.factories import draft, edit

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}
PHRASE = "لتحديد جدول زمني"


@pytest.fixture
def story(editor):
    return draft(editor)


def url(name, *args):
    from django.urls import reverse

    return reverse(f"admin:{name}", args=args)


def test_the_story_form_the_compare_and_the_history_carry_the_comments_panel(client, editor, story):
    client.force_login(editor)
    for address in (
        url("articles_article_change", story.pk),
        url("articles_article_compare", story.pk),
        url("articles_article_history", story.pk),
    ):
        page = client.get(address).content.decode()
        assert "data-comments-panel" in page, address
        assert url("comments_thread_story", story.pk) in page
        assert "comments/story_comments.js" in page


def test_a_comment_on_a_phrase_through_the_desk_answers_with_the_threads(client, editor, story):
    client.force_login(editor)
    response = client.post(
        url("comments_thread_create", story.pk),
        {"body": "دقيق؟ @moderator", "field": "body_ar", "quote": PHRASE, "prefix": "أجريا محادثات ", "revision": 1},
        **FETCH,
    )
    assert response.status_code == 200
    thread = Thread.objects.get()
    page = response.content.decode()
    assert f'id="comment-thread-{thread.pk}"' in page and f'data-quote="{PHRASE}"' in page
    assert '<span class="comment-mention" dir="ltr">@moderator</span>' in page
    assert 'dir="auto"' in page


def test_a_refused_comment_says_why_and_writes_nothing(client, editor, story):
    client.force_login(editor)
    response = client.post(
        url("comments_thread_create", story.pk), {"body": "؟", "field": "body_ar", "quote": "غير موجود"}, **FETCH
    )
    assert response.status_code == 400
    assert "احفظ الخبر أولاً ثم علّق عليه" in response.content.decode(), "in the desk's language, Arabic by default"
    assert not Thread.objects.exists()


def test_without_the_script_a_write_goes_back_to_the_story(client, editor, story):
    client.force_login(editor)
    response = client.post(url("comments_thread_create", story.pk), {"body": "ملاحظة عامة"})
    assert response.status_code == 302 and response["Location"] == url("articles_article_change", story.pk)
    assert Comment.objects.get().body == "ملاحظة عامة"


def test_reply_resolve_reopen_edit_delete_through_the_desk(client, editor, moderator, story):
    thread = services.comment_create(article=story, user=editor, body="أول").thread
    client.force_login(moderator)
    assert client.post(url("comments_thread_reply", thread.pk), {"body": "رد"}, **FETCH).status_code == 200
    client.force_login(editor)
    assert client.post(url("comments_thread_resolve", thread.pk), **FETCH).status_code == 200
    thread.refresh_from_db()
    assert thread.resolved_by == editor
    assert client.post(url("comments_thread_reopen", thread.pk), **FETCH).status_code == 200
    first = thread.comments.first()
    client.post(url("comments_comment_edit", first.pk), {"body": "أول، معدّل"}, **FETCH)
    first.refresh_from_db()
    assert first.body == "أول، معدّل" and first.edited_at
    reply = thread.comments.last()
    assert client.post(url("comments_comment_delete", reply.pk), **FETCH).status_code == 403
    assert Comment.objects.filter(pk=reply.pk).exists()


def test_the_threads_are_shown_on_the_revision_asked_for_with_the_phrase_carried(client, editor, story):
    from tests.factories import SAMPLE_BODY_AR

    services.comment_create(article=story, user=editor, body="؟", field="body_ar", quote=PHRASE)
    edit(story, editor, body_ar=SAMPLE_BODY_AR.replace(PHRASE + " ", ""))
    client.force_login(editor)
    carried = client.get(url("comments_thread_story", story.pk) + "?revision=2").content.decode()
    assert "حُذف النص المعلَّق عليه:" in carried and "كُتب على المراجعة 1" in carried
    original = client.get(url("comments_thread_story", story.pk) + "?revision=1").content.decode()
    assert f'data-quote="{PHRASE}"' in original


def test_the_threads_fragment_costs_a_fixed_number_of_queries(
    client, editor, moderator, story, django_assert_num_queries
):
    for index in range(4):
        thread = services.comment_create(
            article=story, user=editor, body=f"{index}", field="body_ar", quote=PHRASE
        ).thread
        services.comment_reply(thread=thread, user=moderator, body="@editor")
    client.force_login(editor)
    client.get(url("comments_thread_story", story.pk))  # warm the session and permissions caches
    # session, user, story, revision shown, threads, comments, mentions: however many threads
    with django_assert_num_queries(7):
        assert client.get(url("comments_thread_story", story.pk) + "?revision=1").status_code == 200


def test_completion_finds_people_roles_and_desks_in_both_scripts(client, editor, moderator):
    from planning.models import DeskMember
    from tests.factories import AuthorFactory, EditorFactory, SectionFactory

    writer = EditorFactory(username="huda", first_name="Huda", last_name="Karim")
    AuthorFactory(user=writer, name_ar="هدى كريم", name_en="Huda Karim")
    DeskMember.objects.create(section=SectionFactory(slug="economy", name_ar="اقتصاد", name_en="Economy"), user=writer)
    client.force_login(editor)

    def handles(query):
        return [row["handle"] for row in client.get(url("comments_thread_mentions"), {"q": query}).json()["results"]]

    assert "huda" in handles("هدى") and "huda" in handles("Hud")
    assert "moderators" in handles("مشر") and "moderators" in handles("mod")
    assert "economy" in handles("اقتص") and "economy" in handles("eco")
    assert handles("zzz") == []


def test_readers_never_reach_comments(client, story):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="reader", is_staff=False))
    for address in (url("comments_thread_story", story.pk), url("comments_thread_mentions")):
        assert client.get(address).status_code == 302
