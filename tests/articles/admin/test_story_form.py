"""The story form: drafting in two languages, saving as revisions, conflicts, refusals."""

import pytest
from django.db import connection
from django.urls import reverse

from articles.admin.forms import StoryForm
from articles.models import Article, ArticleAuthor, ArticleTag, Revision
from articles.models.content import content_names
from articles.workflow import State
from tests.factories import (
    SAMPLE_BODY_AR,
    AuthorFactory,
    EditorFactory,
    SectionFactory,
    TagFactory,
    draft,
    edit,
    published,
)

from .helpers import messages_of, move_post, story_post, url

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/article/add/"


def test_the_form_carries_every_content_field_of_a_revision():
    assert set(content_names()) <= set(StoryForm.base_fields)
    assert {"authors", "tags", "note", "english_reviewed", "base_revision"} <= set(StoryForm.base_fields)


def test_editor_drafts_a_new_story_as_revision_one(as_user, editor):
    client = as_user(editor)
    section = SectionFactory()
    writers = AuthorFactory.create_batch(2)
    data = story_post(
        headline_ar="العراق والولايات المتحدة يبحثان الانسحاب",
        headline_en="Iraq and US discuss withdrawal",
        body_ar="<p>قال المتحدث <strong>اليوم</strong></p>",
        body_en="<p>The spokesman said</p>",
        section=section.pk,
        authors=[writers[1], writers[0]],
        note="first draft",
    )
    response = client.post(ADD, data, follow=True)

    article = Article.objects.get()
    revision = article.latest_revision
    assert response.redirect_chain[-1][0] == url("change", article)
    assert "Saved as revision 1." in messages_of(response)
    assert article.status == State.DRAFT
    assert (revision.number, revision.headline_ar, revision.note) == (
        1,
        "العراق والولايات المتحدة يبحثان الانسحاب",
        "first draft",
    )
    assert revision.body_ar == "<p>قال المتحدث <strong>اليوم</strong></p>"
    assert revision.section == section
    assert revision.ordered_authors() == [writers[1], writers[0]]
    assert revision.created_by == editor
    # The story row's content columns are the live copy: still empty.
    assert not article.headline_ar


def test_the_form_opens_on_the_current_revision_not_the_live_copy(as_user, editor):
    article = published(editor)
    edit(article, editor, headline_ar="عنوان جديد لم ينشر بعد")
    article.refresh_from_db()

    response = as_user(editor).get(url("change", article))

    form = response.context["adminform"].form
    assert form.initial["headline_ar"] == "عنوان جديد لم ينشر بعد"
    assert form.initial["base_revision"] == article.latest_revision_id
    assert 'value="عنوان جديد لم ينشر بعد"' in response.content.decode()


def test_saving_a_live_story_makes_a_revision_and_leaves_what_readers_see_alone(as_user, editor):
    tag, other_tag = TagFactory(), TagFactory()
    writer, other_writer = AuthorFactory(), AuthorFactory()
    article = published(editor, tags=[tag], authors=[writer])
    live = article.live_revision

    response = as_user(editor).post(
        url("change", article),
        story_post(live, base=live, headline_ar="عنوان معدل", tags=[other_tag], authors=[other_writer]),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    head = article.latest_revision
    assert (head.number, head.headline_ar) == (2, "عنوان معدل")
    assert list(head.tags.all()) == [other_tag]
    assert article.live_revision == live
    assert article.headline_ar == live.headline_ar
    assert list(ArticleTag.objects.filter(article=article).values_list("tag", flat=True)) == [tag.pk]
    assert list(ArticleAuthor.objects.filter(article=article).values_list("author", flat=True)) == [writer.pk]


def test_authors_keep_the_order_the_editor_gave(as_user, editor):
    first, second, third = AuthorFactory.create_batch(3)
    article = draft(editor, authors=[first, second])
    head = article.latest_revision
    client = as_user(editor)

    client.post(url("change", article), story_post(head, base=head, authors=[third, first, second, first]))

    article.refresh_from_db()
    assert article.latest_revision.ordered_authors() == [third, first, second]
    page = client.get(url("change", article)).content.decode()
    assert page.index(str(third)) < page.index(str(first)) < page.index(str(second))


def test_a_save_over_someone_elses_keeps_the_text_and_says_so(as_user, editor):
    colleague = EditorFactory(username="colleague")
    article = draft(editor)
    base = article.latest_revision
    theirs = edit(article, colleague, headline_ar="عنوان الزميل").revision

    response = as_user(editor).post(
        url("change", article),
        story_post(base, base=base, headline_ar="عنواني أنا", body_ar="<p>نصي الذي كتبته</p>"),
        follow=True,
    )

    article.refresh_from_db()
    mine = Revision.objects.get(article=article, number=3)
    assert article.latest_revision == theirs
    assert mine.conflict_with == theirs and mine.headline_ar == "عنواني أنا"
    [message] = messages_of(response)
    assert "colleague saved revision 2 while you were editing" in message
    assert "compare/?old=2&amp;new=3" in message
    page = response.content.decode()
    assert "عنواني أنا" in page and "نصي الذي كتبته" in page
    assert "You are editing the text of revision 3" in page
    form = response.context["adminform"].form
    assert form.initial["base_revision"] == theirs.pk


def test_after_a_conflict_submit_sends_the_editors_own_text_not_the_colleagues(as_user, editor):
    colleague = EditorFactory(username="colleague")
    article = draft(editor)
    base = article.latest_revision
    theirs = edit(article, colleague, headline_ar="عنوان الزميل").revision
    client = as_user(editor)
    response = client.post(url("change", article), story_post(base, base=base, headline_ar="عنواني أنا"), follow=True)
    mine = Revision.objects.get(article=article, number=3)
    [submit] = [move for move in response.context["moves"] if move.action == "submit"]
    assert submit.form.initial["revision"] == mine.pk  # the text on screen, not the colleague's

    client.post(url("move", article, action="submit"), move_post("submit", article, revision=mine))

    article.refresh_from_db()
    assert article.status == State.IN_REVIEW
    review = article.review_revision
    assert review != theirs and review.headline_ar == "عنواني أنا" and review.restored_from == mine
    assert article.latest_revision == review


def test_a_save_the_services_refuse_shows_why_and_keeps_the_text(as_user, editor):
    response = as_user(editor).post(ADD, story_post(body_ar="<p>نص بلا عنوان</p>"))

    assert response.status_code == 200
    assert not Article.objects.exists()
    form = response.context["adminform"].form
    assert form.errors["headline_ar"] == ["Give the story a headline, even a working one, so it can be found again."]
    assert "نص بلا عنوان" in response.content.decode()


def test_english_may_be_out_of_date_until_an_editor_says_it_is_not(as_user, editor):
    article = draft(editor)
    edit(article, editor, body_ar=SAMPLE_BODY_AR + "<p>فقرة جديدة</p>")
    article.refresh_from_db()
    client = as_user(editor)
    warning = "English may be out of date: the Arabic changed after the English was last edited."

    assert article.latest_revision.english_stale
    assert warning in client.get(url("change", article)).content.decode()

    head = article.latest_revision
    client.post(url("change", article), story_post(head, base=head, english_reviewed="on"))
    article.refresh_from_db()
    assert not article.latest_revision.english_stale
    assert warning not in client.get(url("change", article)).content.decode()


@pytest.mark.parametrize("admin_language", ["en", "ar"])
def test_each_language_is_typed_in_its_own_direction(as_user, editor, admin_language):
    client = as_user(editor)
    page = client.get(ADD, headers={"accept-language": admin_language}).content.decode()

    assert f'lang="{admin_language}" dir="{"rtl" if admin_language == "ar" else "ltr"}"' in page  # the admin itself
    assert 'name="headline_ar"' in page
    for name, direction, language in [
        ("headline_ar", "rtl", "ar"),
        ("standfirst_ar", "rtl", "ar"),
        ("headline_en", "ltr", "en"),
        ("dateline_en", "ltr", "en"),
    ]:
        tag = page[page.index(f'name="{name}"') - 200 : page.index(f'name="{name}"') + 200]
        assert f'dir="{direction}"' in tag and f'lang="{language}"' in tag
    assert '<div class="story-body" dir="rtl" lang="ar">' in page
    assert '<div class="story-body" dir="ltr" lang="en">' in page


def test_the_body_editor_offers_what_a_story_needs(as_user, editor):
    page = as_user(editor).get(ADD).content.decode()
    config = page[page.index("data-django-prose-editor-configurable") :][:2000]
    for extension in ("Bold", "Italic", "Link", "Heading", "BulletList", "OrderedList", "Blockquote"):
        assert f"&quot;{extension}&quot;" in config
    assert "newsroom_admin/story_form.js" in page
    assert 'data-word-count="id_body_ar" data-words-per-minute="138"' in page
    assert 'data-word-count="id_body_en" data-words-per-minute="228"' in page


def test_the_server_sanitises_what_the_editor_sends(as_user, editor):
    as_user(editor).post(
        ADD, story_post(headline_ar="عنوان", body_ar='<p onclick="x()">نص<script>alert(1)</script></p>')
    )
    assert Article.objects.get().latest_revision.body_ar == "<p>نص</p>"


def test_a_story_in_the_trash_opens_read_only(as_user, editor):
    article = draft(editor)
    from articles import services

    services.article_trash(article=article, user=editor)
    client = as_user(editor)

    response = client.get(url("change", article))
    assert response.status_code == 302
    assert response["Location"] == url("revision", article, number=1)
    head = article.latest_revision
    assert client.post(url("change", article), story_post(head, base=head)).status_code == 403
    assert Revision.objects.filter(article=article).count() == 1


def test_people_without_the_desk_cannot_open_the_form(client, reader, inactive_editor, staff_without_roles):
    for user in (reader, inactive_editor):
        client.force_login(user)
        response = client.get(ADD)
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    client.force_login(staff_without_roles)
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, story_post(headline_ar="عنوان")).status_code == 403
    assert not Article.objects.exists()


def test_stories_are_never_deleted_in_the_admin(as_user, superuser, editor):
    article = draft(editor)
    client = as_user(superuser)
    assert client.get(url("delete", article)).status_code == 403
    assert client.post(url("delete", article), {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_the_form_takes_the_same_number_of_queries_however_many_bylines_tags_and_revisions(
    as_user, editor, django_assert_max_num_queries
):
    plain = published(editor)
    # Both have a byline, a tag and a revision waiting beyond the live one.
    edit(plain, editor, headline_ar="عنوان جديد", authors=[AuthorFactory()], tags=[TagFactory()])
    busy = published(editor)
    for number in range(5):
        edit(
            busy,
            editor,
            headline_ar=f"عنوان {number}",
            authors=AuthorFactory.create_batch(3),
            tags=TagFactory.create_batch(4),
        )
    client = as_user(editor)
    client.get(url("change", plain))  # warm the session and permission caches
    with django_assert_max_num_queries(FORM_QUERIES) as few:
        client.get(url("change", plain))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("change", busy))
    busy.refresh_from_db()
    assert response.context["adminform"].form.initial["base_revision"] == busy.latest_revision_id


# The user and their permissions, the story with its current revision (read
# once for the page), the revision's bylines and tags, the story's moves and who made them, the
# revisions the offered moves are about, the form's choices (sections, the
# chosen bylines and tags), the editor's draft copy of the story (drafts);
# presence's panel (who else has it open, without Redis; my parallel revisions).
FORM_QUERIES = 16


@pytest.mark.parametrize("limit", [110, 80])
def test_each_headline_counts_against_the_limit_the_workflow_holds_it_to(as_user, editor, settings, limit):
    from articles import workflow

    settings.NEWSROOM_HEADLINE_MAX_LENGTH = limit
    article = draft(editor)
    assert workflow.context_for(article).headline_max_length == limit
    page = as_user(editor).get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    for code in ("ar", "en"):
        tag = page[page.index(f'id="id_headline_{code}"') - 400 : page.index(f'id="id_headline_{code}"') + 400]
        assert f'data-length-limit="{limit}"' in tag
    assert "newsroom_admin/story_keys.js" in page


def test_the_status_line_writes_its_date_as_the_arabic_desk_does(as_user, editor):
    import re

    article = draft(editor)
    client = as_user(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ar"
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    status = page[page.index('class="desk-status"') :][:2000]
    assert re.search(r"\([٠-٩]+ [^\s()]+ [٠-٩]{4}، [٠-٩]{2}:[٠-٩]{2}\)", status), status


def test_the_byline_picker_reads_the_authors_names_not_their_biographies(as_user, editor):
    from django.test.utils import CaptureQueriesContext

    article = draft(editor, authors=[AuthorFactory(name_ar="كاتب", name_en="Byline Writer", bio_ar="سيرة طويلة")])
    with CaptureQueriesContext(connection) as page:
        response = as_user(editor).get(url("change", article))
    assert "Byline Writer" in response.content.decode()
    authors = [
        q["sql"] for q in page.captured_queries if 'FROM "articles_author"' in q["sql"] and "bio" not in q["sql"]
    ]
    assert authors, "the picker's list of every author reads their names only"
