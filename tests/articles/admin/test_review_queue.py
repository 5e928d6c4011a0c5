"""The review queue: every submitted revision, with what a moderator needs to judge it."""

import pytest
from django.urls import reverse

from articles.workflow import State
from tests.factories import EditorFactory, SectionFactory, draft, edit, published, submitted

from .helpers import move_post, url

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:articles_article_review_queue")


def rows(response):
    return [row["article"] for row in response.context["rows"]]


def test_the_queue_lists_every_submitted_revision_oldest_first(as_user, editor, moderator):
    first = submitted(editor, headline_ar="الأولى")
    second = submitted(editor, headline_ar="الثانية")
    draft(editor, headline_ar="مسودة")
    response = as_user(moderator).get(QUEUE)
    assert rows(response) == [first, second]
    page = response.content.decode()
    assert "الأولى" in page and "مسودة" not in page
    assert url("review", first) in page


def test_each_row_says_who_where_which_languages_and_how_long(as_user, editor, moderator):
    economy = SectionFactory(slug="economy", name_en="Economy")
    submitted(editor, section=economy, headline_en="", body_en="")
    response = as_user(moderator).get(QUEUE)
    [row] = response.context["rows"]
    assert row["revision"].created_by == editor
    assert row["article"].submitted_at is not None
    assert not row["article"].review_has_english
    page = response.content.decode()
    assert "Economy" in page and "Arabic only" in page and "<time datetime=" in page


def test_a_story_saved_again_since_submission_is_flagged(as_user, editor, moderator):
    article = submitted(editor)
    untouched = submitted(editor)
    edit(article, editor, headline_ar="تعديل")
    client = as_user(moderator)
    response = client.get(QUEUE)
    flags = {row["article"].pk: row["article"].updated_since_submission for row in response.context["rows"]}
    assert flags == {article.pk: True, untouched.pk: False}
    assert "saved again since it was submitted" in response.content.decode()
    assert rows(client.get(QUEUE, {"updated": "yes"})) == [article]


def test_the_queue_filters_by_section_and_language(as_user, editor, moderator):
    sport = SectionFactory(slug="sport")
    arabic_only = submitted(editor, headline_en="", body_en="")
    in_sport = submitted(editor, section=sport)
    client = as_user(moderator)
    assert rows(client.get(QUEUE, {"section": sport.pk})) == [in_sport]
    assert rows(client.get(QUEUE, {"english": "no"})) == [arabic_only]
    assert rows(client.get(QUEUE, {"english": "yes"})) == [in_sport]


def test_no_row_approves_a_story_unread_each_leads_into_its_review_and_preview(as_user, editor, moderator):
    article = submitted(editor)
    page = as_user(moderator).get(QUEUE).content.decode()
    assert (
        "publish-revision" not in page
        and "Approve and publish" not in page
        and "<form" not in page.split("</thead>")[1]
    )
    assert f'href="{url("review", article)}"' in page
    preview = url("preview", article, number=article.review_revision.number)
    assert f'href="{preview}?language=ar"' in page and f'href="{preview}?language=en"' in page


def test_an_approval_made_in_the_review_comes_back_to_the_queue(as_user, editor, moderator):
    article = submitted(editor)
    response = as_user(moderator).post(
        url("move", article, action="publish"),
        {**move_post("publish", article, revision=article.review_revision), "next": QUEUE},
    )
    assert response["Location"] == QUEUE
    article.refresh_from_db()
    assert article.status == State.PUBLISHED


def test_a_moderator_requests_changes_from_the_queue(as_user, editor, moderator):
    article = submitted(editor)
    as_user(moderator).post(
        url("move", article, action="request_changes"),
        {**move_post("request_changes", article, comment="أضف مصدرا"), "next": QUEUE},
    )
    article.refresh_from_db()
    assert article.status == State.DRAFT


def test_editors_see_the_queue_without_approval_buttons(as_user, editor):
    submitted(editor)
    response = as_user(editor).get(QUEUE)
    assert response.status_code == 200 and len(response.context["rows"]) == 1
    assert "Approve and publish" not in response.content.decode()


def test_the_queue_is_for_the_desk_only(client, reader, staff_without_roles):
    client.force_login(reader)
    assert client.get(QUEUE).status_code == 302
    client.force_login(staff_without_roles)
    assert client.get(QUEUE).status_code == 403


def test_the_queue_takes_the_same_number_of_queries_for_3_or_13_stories(
    as_user, moderator, django_assert_max_num_queries
):
    editors = EditorFactory.create_batch(3)
    for index in range(3):
        submitted(editors[index % 3], section=SectionFactory(slug=f"s{index}"))
    published(editors[0])  # a live story is not in the queue, and costs nothing
    client = as_user(moderator)
    client.get(QUEUE)  # warm the permission and session caches
    with django_assert_max_num_queries(QUEUE_QUERIES) as few:
        client.get(QUEUE)
    for index in range(10):
        submitted(editors[index % 3], section=SectionFactory(slug=f"t{index}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(QUEUE)
    assert len(response.context["rows"]) == 13


# Session, user, permissions, the queue, the section filter's choices.
QUEUE_QUERIES = 8
