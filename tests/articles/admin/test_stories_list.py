"""The list of stories: the current revision's headline, filters, search, and no query per row."""

import re

import pytest
from django.db import connection

from articles.admin.paginator import EstimatedCountPaginator
from articles.workflow import State
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    SectionFactory,
    corrected,
    draft,
    edit,
    pending_edit,
    published,
    republished,
    scheduled,
    submitted,
    trashed,
    unpublished,
)

pytestmark = pytest.mark.django_db

LIST = "/admin/articles/article/"


def listed(response):
    return list(response.context["cl"].result_list)


def test_the_list_shows_the_current_headline_not_the_live_one(as_user, editor):
    article = published(editor, headline_ar="العنوان المنشور")
    edit(article, editor, headline_ar="العنوان الجديد", section=SectionFactory(slug="world", name_en="World"))
    page = as_user(editor).get(LIST).content.decode()
    assert '<span lang="ar" dir="rtl">العنوان الجديد</span>' in page
    assert "العنوان المنشور" not in page
    assert "World" in page and "Live · changes in draft" in page


def test_filters_by_state_section_author_and_languages(as_user, editor):
    sport = SectionFactory(slug="sport")
    writer = AuthorFactory()
    in_review = submitted(editor)
    in_sport = draft(editor, section=sport, authors=[writer])
    arabic_only = draft(editor, headline_en="", body_en="")
    stale = draft(editor)
    edit(stale, editor, body_ar="<p>نص عربي جديد</p>")
    client = as_user(editor)

    assert listed(client.get(LIST, {"status__exact": State.IN_REVIEW})) == [in_review]
    assert listed(client.get(LIST, {"section": sport.pk})) == [in_sport]
    assert listed(client.get(LIST, {"author": writer.pk})) == [in_sport]
    assert listed(client.get(LIST, {"english": "no"})) == [arabic_only]
    assert listed(client.get(LIST, {"english": "stale"})) == [stale]
    assert arabic_only not in listed(client.get(LIST, {"english": "yes"}))


def test_search_finds_current_headlines_in_either_language(as_user, editor):
    wanted = draft(editor, headline_ar="محادثات الانسحاب", headline_en="Withdrawal talks")
    draft(editor, headline_ar="أسعار النفط", headline_en="Oil prices")
    client = as_user(editor)
    assert listed(client.get(LIST, {"q": "الانسحاب"})) == [wanted]
    assert listed(client.get(LIST, {"q": "withdrawal"})) == [wanted]


def test_search_finds_a_wire_id_and_either_current_headline_but_not_an_older_one(as_user, editor):
    from articles.models import Article

    wired = draft(editor, headline_ar="قمة الرياض", headline_en="Riyadh summit")
    Article.objects.filter(pk=wired.pk).update(external_id="AFP-2026-0412")
    renamed = draft(editor, headline_ar="العنوان القديم", headline_en="The old headline")
    edit(renamed, editor, headline_ar="العنوان الجديد", headline_en="The new headline")
    client = as_user(editor)
    assert listed(client.get(LIST, {"q": "afp-2026-0412"})) == [wired]
    assert listed(client.get(LIST, {"q": "AFP-2026"})) == []  # the whole wire ID, not part of it
    assert listed(client.get(LIST, {"q": "الرياض"})) == [wired]
    assert listed(client.get(LIST, {"q": "SUMMIT"})) == [wired]
    assert listed(client.get(LIST, {"q": "الجديد"})) == [renamed]
    assert listed(client.get(LIST, {"q": "new headline"})) == [renamed]
    assert listed(client.get(LIST, {"q": "القديم"})) == []
    assert listed(client.get(LIST, {"q": "old"})) == []


def test_search_with_several_words_wants_every_one_as_django_does(as_user, editor):
    from django.contrib import admin

    from articles.admin.stories import ArticleAdmin
    from articles.models import Article

    both = draft(editor, headline_ar="محادثات الانسحاب", headline_en="Withdrawal talks")
    Article.objects.filter(pk=both.pk).update(external_id="RTR-7")
    arabic = draft(editor, headline_ar="محادثات النفط", headline_en="Oil talks")
    draft(editor, headline_ar="الانسحاب من المدينة", headline_en="")
    old = draft(editor, headline_ar="محادثات الانسحاب", headline_en="")
    edit(old, editor, headline_ar="عنوان آخر")
    client = as_user(editor)
    assert listed(client.get(LIST, {"q": "محادثات الانسحاب"})) == [both]
    assert listed(client.get(LIST, {"q": "الانسحاب talks"})) == [both]  # one word in each language
    assert listed(client.get(LIST, {"q": "rtr-7 محادثات"})) == [both]  # a wire ID and a headline's word
    assert listed(client.get(LIST, {"q": "talks"})) == [arabic, both]
    assert listed(client.get(LIST, {"q": '"oil talks"'})) == [arabic]  # quotes keep a phrase together

    # The same stories as Django's own search over the list's search_fields.
    model_admin = admin.site._registry[Article]
    assert isinstance(model_admin, ArticleAdmin)
    stories = model_admin.get_queryset(None)
    for term in ("محادثات الانسحاب", "الانسحاب talks", "rtr-7 محادثات", "talks", '"oil talks"', "عنوان", "x y"):
        ours, _ = model_admin.get_search_results(None, stories, term)
        django, _ = admin.ModelAdmin.get_search_results(model_admin, None, stories, term)
        assert list(ours) == list(django), term


def test_search_finds_the_current_headline_in_every_state_of_a_story_as_django_does(as_user, editor, moderator):
    # A story whose current revision is live is searched on its own row (the
    # live copy), any other by its current revision: the live copy of a story
    # edited since it went live must not be found by its old headline.
    from django.contrib import admin

    from articles.models import Article

    live = published(editor, moderator, headline_ar="قمة الرياض الأولى", headline_en="First Riyadh summit")
    corrected(live, moderator)
    edited = published(editor, moderator, headline_ar="عنوان منشور قديم", headline_en="A published headline")
    edit(edited, editor, headline_ar="قمة الرياض الثانية", headline_en="Second Riyadh summit")
    again = published(editor, moderator, headline_ar="عنوان سابق", headline_en="An earlier headline")
    republished(again, editor, moderator, headline_ar="قمة الرياض الثالثة", headline_en="Third Riyadh summit")
    waiting = published(editor, moderator, headline_ar="عنوان ينتظر", headline_en="A waiting headline")
    pending_edit(waiting, editor, headline_ar="قمة الرياض الرابعة", headline_en="Fourth Riyadh summit")
    withdrawn = unpublished(editor, moderator, headline_ar="قمة الرياض المسحوبة", headline_en="Withdrawn summit")
    later = scheduled(editor, moderator, headline_ar="قمة الرياض المقبلة", headline_en="Coming summit")
    binned = trashed(editor, headline_ar="قمة الرياض المحذوفة", headline_en="Binned summit")
    new = draft(editor, headline_ar="قمة الرياض الجديدة", headline_en="New summit")
    client = as_user(editor)

    every = [live, edited, again, waiting, withdrawn, later, binned, new]
    assert listed(client.get(LIST, {"q": "الرياض"})) == sorted(every, key=lambda story: -story.pk)
    assert listed(client.get(LIST, {"q": "summit"})) == sorted(every, key=lambda story: -story.pk)
    assert listed(client.get(LIST, {"q": "منشور"})) == []  # the live copy, no longer the current headline
    assert listed(client.get(LIST, {"q": "published"})) == []
    assert listed(client.get(LIST, {"q": "سابق"})) == []  # an older revision, also once live
    assert listed(client.get(LIST, {"q": "الرابعة"})) == [waiting]
    assert listed(client.get(LIST, {"q": "الثالثة"})) == [again]

    model_admin = admin.site._registry[Article]
    stories = model_admin.get_queryset(None)
    for term in ("الرياض", "summit", "منشور", "سابق", "الثانية", "ينتظر", "Riyadh الأولى", "المسحوبة", "x"):
        ours, _ = model_admin.get_search_results(None, stories, term)
        django, _ = admin.ModelAdmin.get_search_results(model_admin, None, stories, term)
        assert list(ours) == list(django), term


@pytest.mark.postgres
def test_on_postgresql_the_searched_list_reads_current_headlines_from_the_story_tables_indexes(
    as_user, editor, moderator
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's indexes (set DATABASE_URL)")
    from django.test.utils import CaptureQueriesContext

    draft(editor, headline_ar="محادثات الانسحاب")
    published(editor, moderator, headline_ar="الانسحاب من المدينة")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    with CaptureQueriesContext(connection) as page:
        as_user(editor).get(LIST, {"q": "الانسحاب"})
    (stories,) = [q["sql"] for q in page.captured_queries if q["sql"].endswith('ORDER BY "articles_article"."id" DESC')]
    with connection.cursor() as cursor:
        # A handful of rows is read faster without an index: ask for the plan a big table gets.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {stories}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%trgm'")
        trigram = {name: (table, definition) for table, name, definition in cursor.fetchall()}
    assert "article_unpublished_head" in plan and "article_external_id_upper" in plan, plan
    # No revision is searched: the current ones not live are read by id...
    revision_reads = re.findall(
        r"Bitmap Heap Scan on articles_revision .*\n.*\n? *-> +Bitmap Index Scan on (\w+)", plan
    )
    assert revision_reads and set(revision_reads) == {"articles_revision_pkey"}, plan
    # ... and the live ones' headlines are indexed on the story table alone.
    assert {table for table, _ in trigram.values()} == {"articles_article"}
    for language in ("ar", "en"):
        table, definition = trigram[f"article_current_headline_{language}_trgm"]
        assert f"upper((headline_{language})::text) gin_trgm_ops" in definition
        assert "WHERE (latest_revision_id = live_revision_id)" in definition


@pytest.mark.postgres
def test_on_postgresql_the_planner_knows_how_few_stories_have_work_not_live(editor, moderator):
    # Its guess from the columns alone is 99.5% of the table; it would then
    # rather read every revision matching the word than these few.
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's statistics (set DATABASE_URL)")
    from django.db.models import F

    from articles.models import Article
    from articles.selectors.desk import Differs

    for _ in range(40):
        published(editor, moderator)
    draft(editor)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    others = Article.objects.filter(Differs(F("latest_revision"), F("live_revision"))).values("pk")
    assert others.count() == 1
    sql, params = others.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    assert plan[0]["Plan"]["Plan Rows"] <= 3


def test_the_list_never_counts_the_whole_table_twice(as_user, editor):
    draft(editor)
    response = as_user(editor).get(LIST)
    changelist = response.context["cl"]
    assert changelist.show_full_result_count is False
    assert changelist.full_result_count is None
    assert isinstance(changelist.paginator, EstimatedCountPaginator)


def test_the_list_takes_the_same_number_of_queries_for_3_or_30_stories(
    as_user, editor, moderator, django_assert_max_num_queries
):
    editors = EditorFactory.create_batch(3)
    for index in range(3):
        published(editors[index], moderator, section=SectionFactory(slug=f"s{index}"), authors=[AuthorFactory()])
    client = as_user(editor)
    client.get(LIST)
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        client.get(LIST)
    for index in range(27):
        draft(editors[index % 3], section=SectionFactory(slug=f"t{index}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(listed(response)) == 30


# Session, user, permissions (2), the section and author filters' choices,
# on PostgreSQL the planner's estimate, the count and the page of stories.
LIST_QUERIES = 9


@pytest.mark.postgres
def test_an_unfiltered_list_of_a_big_table_reads_the_planners_estimate_instead_of_counting(
    as_user, editor, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's statistics (set DATABASE_URL)")
    for _ in range(3):
        draft(editor)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    monkeypatch.setattr(EstimatedCountPaginator, "exact_below", 1)
    client = as_user(editor)

    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as unfiltered:
        response = client.get(LIST)
    assert response.context["cl"].result_count == 3
    assert not [q for q in unfiltered.captured_queries if "COUNT(" in q["sql"]]

    with CaptureQueriesContext(connection) as filtered:
        client.get(LIST, {"status__exact": State.DRAFT})
    assert [q for q in filtered.captured_queries if "COUNT(" in q["sql"]]


def test_the_estimate_is_only_taken_on_postgresql_for_an_unfiltered_list(editor):
    from articles.admin.paginator import estimated_row_count
    from articles.models import Article

    draft(editor)
    if connection.vendor != "postgresql":
        assert estimated_row_count(Article.objects.all()) is None
    assert estimated_row_count(Article.objects.filter(status=State.DRAFT)) is None
    assert EstimatedCountPaginator(Article.objects.order_by("pk"), 50).count == 1


def test_the_list_says_when_a_live_storys_changes_are_in_review(as_user, editor):
    article = published(editor)
    edit(article, editor, headline_ar="تعديل")
    article.refresh_from_db()
    from articles import services

    services.article_submit(article=article, revision=article.latest_revision, user=editor)
    page = as_user(editor).get(LIST).content.decode()
    assert 'desk-state--in_review desk-state--live">Live · changes in review</span>' in page


def test_the_trash_restores_a_story_in_one_click(as_user, editor, django_assert_max_num_queries):
    from articles import services

    first = services.article_trash(article=draft(editor, headline_ar="في السلة"), user=editor)
    services.article_trash(article=draft(editor), user=editor)
    draft(editor)
    client = as_user(editor)
    trash = f"{LIST}?status__exact=trashed"
    assert "restore" not in client.get(LIST).content.decode().lower().split("<tbody>")[1]
    client.get(trash)
    with django_assert_max_num_queries(LIST_QUERIES):
        page = client.get(trash).content.decode()
    assert page.count("data-untrash=") == 2
    assert f'formaction="/admin/articles/article/{first.pk}/move/untrash/"' in page
    response = client.post(f"/admin/articles/article/{first.pk}/move/untrash/", {"next": trash}, follow=True)
    assert response.redirect_chain[0][0] == trash
    first.refresh_from_db()
    assert first.status == State.DRAFT
    assert "The story is out of the trash, as a draft." in [str(m) for m in response.context["messages"]]
    assert page.count("data-untrash=") == 2 and client.get(trash).content.decode().count("data-untrash=") == 1


def test_people_who_may_not_restore_get_no_button(client, editor, django_user_model):
    from django.contrib.auth.models import Permission

    from articles import services

    services.article_trash(article=draft(editor), user=editor)
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    page = client.get(f"{LIST}?status__exact=trashed").content.decode()
    assert "data-untrash=" not in page and "—" in page


# Session, user, permissions, the page of stories, and the state filter's choices.
LIST_QUERIES = 8


def test_a_state_filters_count_reads_the_story_table_alone(as_user, editor):
    from django.test.utils import CaptureQueriesContext

    draft(editor)
    with CaptureQueriesContext(connection) as page:
        response = as_user(editor).get(LIST, {"status__exact": State.DRAFT})
    assert response.context["cl"].result_count == 1
    (count,) = [q["sql"] for q in page.captured_queries if "COUNT(" in q["sql"]]
    assert "articles_revision" not in count


@pytest.mark.postgres
def test_a_filtered_list_is_counted_up_to_a_limit_and_said_to_be_about_past_it(as_user, editor, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's planner (set DATABASE_URL)")
    sport = SectionFactory(slug="sport")
    for _ in range(3):
        draft(editor, section=sport)
    draft(editor)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
        cursor.execute("ANALYZE articles_revision")
    client = as_user(editor)

    exact = client.get(LIST, {"section": sport.pk})
    assert exact.context["cl"].result_count == 3 and not exact.context["cl"].paginator.estimated
    assert "about" not in exact.content.decode().split('class="paginator"')[1]

    monkeypatch.setattr(EstimatedCountPaginator, "count_up_to", 2)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as page:
        about = client.get(LIST, {"section": sport.pk})
    assert about.context["cl"].paginator.estimated
    assert about.context["cl"].result_count >= 2
    assert "about " in about.content.decode().split('class="paginator"')[1]
    (count,) = [q["sql"] for q in page.captured_queries if "COUNT(" in q["sql"]]
    assert "LIMIT 2" in count
