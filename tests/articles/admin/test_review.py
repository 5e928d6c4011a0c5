"""The review view: a new story read as readers will read it, a live one against what is live; a decision bar on both."""

import pytest

from articles.workflow import State
from tests.factories import draft, edit, published, submitted

from .helpers import action_area, messages_of, url

pytestmark = pytest.mark.django_db


def test_a_new_story_opens_as_the_public_page_with_the_decision_bar(as_user, editor, moderator):
    article = submitted(editor, headline_ar="افتتاح جسر جديد في بغداد")
    response = as_user(moderator).get(url("review", article))
    assert response.status_code == 200
    # The reading view extends the public story page (a Jinja2 template, which lists only the page's own name).
    assert "admin/articles/article/review_read.html" in {t.name for t in response.templates}
    page = response.content.decode()
    assert '<article class="story">' in page and '<main id="main" tabindex="-1">' in page
    assert '<h1 class="story__headline">افتتاح جسر جديد في بغداد</h1>' in page
    assert "<ins" not in page and "diff-" not in page  # a reading view, not a compare against nothing
    assert 'class="desk-decision desk-decision--public"' in page and 'lang="en" dir="ltr" data-decision-bar' in page
    assert set(action_area(response)) == {"publish", "schedule", "request_changes"}
    assert response["Cache-Control"].count("no-store") == 1 and response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_reading_view_reads_each_edition_and_the_bar_stays_in_the_desks_language(as_user, editor, moderator):
    article = submitted(editor)
    client = as_user(moderator)
    english = client.get(url("review", article), {"language": "en"}).content.decode()
    assert '<html lang="en" dir="ltr">' in english and "Iraq and US discuss coalition withdrawal" in english
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ar"
    client.cookies["django_language"] = "ar"
    arabic_desk = client.get(url("review", article), {"language": "en"}).content.decode()
    assert '<html lang="en" dir="ltr">' in arabic_desk
    assert 'lang="ar" dir="rtl" data-decision-bar' in arabic_desk and "اعتماد ونشر" in arabic_desk


def test_a_live_story_opens_as_compare_with_live_with_the_bar_on_top(as_user, editor, moderator):
    article = published(editor, moderator)
    edit(article, editor, headline_ar="عنوان بعد النشر")
    article.refresh_from_db()
    from articles import services

    services.article_submit(article=article, revision=article.latest_revision, user=editor)
    response = as_user(moderator).get(url("review", article), follow=True)
    assert response.redirect_chain[-1][0] == url("compare", article)
    assert (response.context["old"].number, response.context["new"].number) == (1, 2)
    page = response.content.decode()
    assert page.index("data-decision-bar") < page.index("desk-compare-picker")
    assert set(action_area(response)) == {"publish", "schedule", "request_changes"}


def test_the_decision_bar_approves_and_returns_to_the_queue(as_user, editor, moderator):
    article = submitted(editor)
    client = as_user(moderator)
    publish = action_area(client.get(url("review", article)))["publish"]
    response = client.post(publish.url, publish.hidden)
    assert response["Location"] == url("review_queue")
    article.refresh_from_db()
    assert article.status == State.PUBLISHED


def test_a_story_not_in_review_goes_to_its_form(as_user, editor, moderator):
    article = draft(editor)
    response = as_user(moderator).get(url("review", article), follow=True)
    assert response.redirect_chain[-1][0] == url("change", article)
    assert "This story is not waiting for review." in messages_of(response)


def test_editors_read_the_review_without_decisions(as_user, editor):
    article = submitted(editor)
    response = as_user(editor).get(url("review", article))
    assert action_area(response) == {}
    assert "approving it or asking for changes is for the moderators" in response.content.decode()


def test_the_review_view_is_for_the_desk_only(client, reader, staff_without_roles, editor):
    article = submitted(editor)
    client.force_login(reader)
    assert client.get(url("review", article)).status_code == 302
    client.force_login(staff_without_roles)
    assert client.get(url("review", article)).status_code == 403


def test_the_reading_view_takes_a_fixed_number_of_queries(as_user, editor, moderator, django_assert_max_num_queries):
    article = submitted(editor)
    client = as_user(moderator)
    client.get(url("review", article))
    with django_assert_max_num_queries(REVIEW_QUERIES):
        client.get(url("review", article))


# Session, user, permissions, the story, the submitted revision with its
# section, picture, bylines and tags, the revisions the moves are about, the
# story's corrections and the public template's navigation.
REVIEW_QUERIES = 14


def test_the_reading_view_carries_the_story_s_comments_panel_in_the_desk_s_language(as_user, editor, moderator):
    article = submitted(editor)
    page = as_user(moderator).get(url("review", article), {"language": "ar"}).content.decode()
    assert 'data-comments-panel data-screen="compare"' in page
    assert f"?revision={article.review_revision.number}&amp;screen=compare" in page
    assert '<div class="review-panels" lang="en">' in page  # the panel speaks the desk's language, not the story's
