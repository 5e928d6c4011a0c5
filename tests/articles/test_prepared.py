"""Prepared queries (``articles.selectors.prepared``): built and compiled once, run with the request's values.

What a page gets from a prepared query must be what its queryset gives:
the same rows, columns, related rows and annotations, for every value it
is run with; and the list pages must compile none of their story queries
after their first request.
"""

import contextlib
from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.test import override_settings
from django.utils import translation

from articles import selectors
from articles.models import Article, Author, Image, Section, Tag
from articles.selectors import prepared as preparing
from articles.selectors.public import PREPARED_PAGES, _article_listed, _with_cards
from tests.factories import AuthorFactory, ImageFactory, SectionFactory, TagFactory, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    politics = SectionFactory(slug="politics", name_ar="سياسة", name_en="Politics")
    economy = SectionFactory(slug="economy", name_ar="اقتصاد", name_en="Economy")
    tag, author = TagFactory(), AuthorFactory()
    stories = [
        published(
            section=politics if index % 2 else economy,
            tags=[tag] if index % 3 else [],
            authors=[author],
            lead_image=ImageFactory() if index % 2 else None,
            headline_ar=f"خبر رقم {index}",
        )
        for index in range(7)
    ]
    return {"sections": (politics, economy), "tag": tag, "author": author, "stories": stories}


def _shown(stories) -> list[tuple]:
    """What a page reads of each story, its related rows and annotations included."""
    rows = []
    for story in stories:
        rows.append(
            (
                type(story),
                story.pk,
                story.headline_ar,
                story.headline_en,
                story.first_published_at,
                story.get_deferred_fields(),
                story.section.slug if story.section_id else None,
                story.lead_image.sources if story.lead_image_id else None,
                story.rendered_cards,
                story.approved_alt,
                story._state.adding,
            )
        )
    return rows


def test_a_prepared_query_reads_what_its_queryset_reads_for_every_value(newsroom, django_assert_num_queries):
    def build(pk):
        return _with_cards(_article_listed("ar").filter(section_id=pk), "ar", "section")

    query = preparing.Prepared(build(preparing_stand_in := preparing.stand_in()), {"pk": preparing_stand_in})
    for section in newsroom["sections"]:
        expected = _shown(build(section.pk))
        with django_assert_num_queries(1):  # the section and picture come with the stories, as select_related reads
            found = query.run(pk=section.pk)
            assert _shown(found) == expected
        assert expected  # each section has stories: the comparison compares something
    assert query.run(pk=10**9) == []


def test_a_prepared_values_list_reads_the_same_tuples(newsroom):
    build = _article_listed("ar").rewrite(False).values_list("pk", "section_id")
    assert preparing.Prepared(build[:5], {}).run() == list(build[:5])


def test_a_list_of_values_is_put_in_its_places(newsroom):
    ids = [story.pk for story in newsroom["stories"]]

    def build(ids):
        return _article_listed("en").filter(pk__in=ids).order_by("pk")

    query = preparing.prepared(("test:ids", "en"), build, ids=3)
    assert [story.pk for story in query.run(ids=ids[:3])] == ids[:3]
    assert [story.pk for story in query.run(ids=ids[4:7])] == ids[4:7]
    with pytest.raises(ValueError, match="takes 3 values"):
        query.run(ids=ids[:2])


def test_a_value_the_query_does_not_take_and_a_shape_it_cannot_read_are_refused():
    stand_in = preparing.stand_in()
    with pytest.raises(ValueError, match="not among the query's parameters"):
        preparing.Prepared(Article.objects.live(), {"pk": stand_in})
    with pytest.raises(TypeError):
        preparing.Prepared(Article.objects.live().values_list("pk", flat=True), {})
    with pytest.raises(TypeError):
        preparing.Prepared(Article.objects.live().prefetch_related("tags"), {})


def _list_pages(newsroom, *more: str) -> list[str]:
    """The home page in both editions, a section's, a tag's, and ``more``."""
    politics = newsroom["sections"][0]
    return ["/ar/", "/en/", f"/ar/section/{politics.slug}/", f"/ar/tag/{newsroom['tag'].slug}/", *more]


def test_the_list_pages_compile_no_story_query_after_their_first(client, newsroom):
    addresses = _list_pages(newsroom, f"/ar/author/{newsroom['author'].slug}/")
    for address in addresses:
        assert client.get(address).status_code == 200
    compiled = []
    real = SQLCompiler.as_sql

    def noted(self, *args, **kwargs):
        if self.query.model is Article:
            compiled.append(self.query)
        return real(self, *args, **kwargs)

    with mock.patch.object(SQLCompiler, "as_sql", noted):
        pages = [client.get(address) for address in addresses]
    assert [page.status_code for page in pages] == [200] * len(addresses)
    # The counts are kept (``list_fact``) in the test settings' cache; what is left would be a compiled story query.
    assert compiled == []
    assert "خبر رقم 6" in pages[0].content.decode()


def test_a_list_page_is_what_the_queryset_gives_on_every_page(newsroom):
    tag = newsroom["tag"]
    stories = selectors.tag_stories(tag, "ar")
    pages = []
    for number in (1, 2, 3):
        expected = [story.pk for story in selectors.page_of(stories, number, 2, deep=0)]
        found = selectors.list_page("tag", tag.pk, "ar", number=number, per_page=2, deep=0)
        assert [story.pk for story in found] == expected
        pages.append(expected)
    assert [len(page) for page in pages] == [2, 2, 0]  # four stories carry the tag
    beyond = PREPARED_PAGES + 1  # read through the queryset, the same way
    assert selectors.list_page("tag", tag.pk, "ar", number=beyond, per_page=1, deep=0) == []


def test_a_change_of_settings_forgets_what_was_prepared(newsroom):
    preparing.prepared(("test:forget",), lambda: Article.objects.live().order_by("pk"))
    assert any("test:forget" in key for key in preparing._PREPARED)
    with override_settings(NEWSROOM_PAGE_SIZE=3):
        assert not any("test:forget" in key for key in preparing._PREPARED)


def test_a_section_made_after_the_navigation_was_read_has_its_page(client, newsroom):
    with override_settings(NEWSROOM_PAGE_CACHE_CHECK_SECONDS=600):
        assert client.get("/ar/").status_code == 200  # the navigation is read, and kept ten minutes
        culture = Section.objects.create(slug="culture", name_ar="ثقافة", name_en="Culture", order=9)
        published(section=culture, headline_ar="معرض الكتاب يفتح أبوابه")
        page = client.get("/ar/section/culture/")
        assert page.status_code == 200
        assert "معرض الكتاب يفتح أبوابه" in page.content.decode()
        assert client.get("/ar/section/no-such-section/").status_code == 404


def test_a_list_page_builds_its_queryset_only_to_count_it(client, newsroom):
    """Building the queryset cost a quarter of a section's page; its count is kept (``list_fact``), so is it."""
    politics = newsroom["sections"][0]
    address = f"/ar/section/{politics.slug}/"
    real = selectors.section_stories
    with mock.patch.object(selectors, "section_stories", side_effect=real) as built:
        first, second = client.get(address), client.get(address)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert built.call_count == 1  # to count the section's stories, once; the pages are prepared queries


def test_the_lists_read_no_search_column(client, newsroom):
    """The bodies as plain text (``search_body_*``) and the index are search's: a list read both editions' text."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    addresses = _list_pages(newsroom, "/ar/archive/2026/")
    with CaptureQueriesContext(connection) as queries:
        assert [client.get(address).status_code for address in addresses] == [200] * len(addresses)
    story_reads = [query["sql"] for query in queries if "articles_article" in query["sql"]]
    assert story_reads
    assert not [sql for sql in story_reads if "search_body" in sql or "search_text" in sql]


def _made(story) -> tuple:
    """Everything an object holds, and the related objects it holds, as ``Model.from_db`` would leave them."""
    state = story._state
    values = {name: value for name, value in story.__dict__.items() if name != "_state"}
    related = {name: _made(other) if other is not None else None for name, other in state.fields_cache.items()}
    return type(story), values, state.adding, state.db, related


def _section_list(pk):
    return _with_cards(_article_listed("ar").filter(section_id=pk), "ar", "section")


def test_a_prepared_query_makes_its_objects_as_django_does_without_its_init(newsroom):
    section = newsroom["sections"][0]
    query = preparing.Prepared(_section_list(stand := preparing.stand_in()), {"pk": stand})
    found = query.run(pk=section.pk)  # the first row is made both ways and compared
    ways = {model: mock.patch.object(model, "from_db", wraps=model.from_db) for model in (Article, Section, Image)}
    with ways[Article] as stories, ways[Section] as sections, ways[Image] as pictures:
        again = query.run(pk=section.pk)
    # The story, its section and its picture are made directly, not by Django's from_db.
    assert (stories.call_count, sections.call_count, pictures.call_count) == (0, 0, 0)
    expected = [_made(story) for story in _section_list(section.pk)]
    assert [_made(story) for story in found] == [_made(story) for story in again] == expected
    assert any(story.lead_image_id for story in found) and all(story.section_id for story in found)
    with translation.override("ar"):
        assert found[0].headline == found[0].headline_ar  # modeltranslation's field reads its language's column


def test_objects_are_made_by_django_when_a_receiver_listens_to_their_init(newsroom):
    from django.db.models.signals import post_init, pre_init

    section = newsroom["sections"][0]
    expected = [_made(story) for story in _section_list(section.pk)]
    for signal in (pre_init, post_init):
        seen = []

        def listens(sender, seen=seen, **kwargs):
            seen.append(sender)

        signal.connect(listens, sender=Section)
        try:
            query = preparing.Prepared(_section_list(stand := preparing.stand_in()), {"pk": stand})
            assert [_made(story) for story in query.run(pk=section.pk)] == expected
            assert seen.count(Section) >= len(expected)  # every section made was made by Django, signals sent
        finally:
            signal.disconnect(listens, sender=Section)


def test_objects_made_otherwise_than_django_would_make_them_send_the_query_back_to_djangos_way(newsroom):
    section = newsroom["sections"][0]
    expected = [_made(story) for story in _section_list(section.pk)]
    real = preparing._maker

    def wrong(model, attnames):  # a maker that leaves a value out: the first row tells
        make = real(model, attnames)
        return (lambda alias, values: make(alias, values[:-1] + (None,))) if make else None

    with mock.patch.object(preparing, "_maker", wrong):
        query = preparing.Prepared(_section_list(stand := preparing.stand_in()), {"pk": stand})
    assert [_made(story) for story in query.run(pk=section.pk)] == expected
    assert [_made(story) for story in query.run(pk=section.pk)] == expected


def test_a_picture_whose_file_is_read_is_made_by_django(newsroom):
    """ImageField's receiver reads the file's size only when the file column was read: then Django makes it."""
    attnames = [field.attname for field in Image._meta.concrete_fields]
    assert preparing._maker(Image, attnames) is None
    assert preparing._maker(Image, [name for name in attnames if name != "file"]) is not None


def test_the_story_page_query_is_kept_prepared_by_the_database_where_it_can_be(newsroom, django_assert_num_queries):
    """On PostgreSQL the story by its id is planned once per connection, and reads what the queryset reads."""
    from django.db import connection

    from articles.selectors.public import _article_live_detail

    story = newsroom["stories"][3]
    query = preparing.Prepared(
        _article_live_detail("ar").filter(pk=(stand_in := preparing.stand_in())), {"pk": stand_in}, on_server=True
    )

    def shown(stories):
        return [
            (found.pk, found.headline_ar, found.body_ar, found.live_extras, found.rendered, found.related_rows)
            + (found.get_deferred_fields(), found._state.adding)
            for found in stories
        ]

    expected = shown(_article_live_detail("ar").filter(pk=story.pk))
    kept = contextlib.nullcontext(None)
    if connection.vendor == "postgresql":  # SQLite keeps no statement: Django's cursor runs it
        kept = mock.patch.object(connection, "execute_prepared", wraps=connection.execute_prepared)
    with kept as execute:
        for _ in range(6):  # past the runs after which PostgreSQL may keep one plan
            with django_assert_num_queries(1):
                assert shown(query.run(pk=story.pk)) == expected
    assert expected
    assert execute is None or execute.call_count == 6


def test_a_tag_and_an_author_by_their_address_are_what_the_orm_reads_in_one_query_compiled_once(
    client, django_assert_num_queries
):
    tag = TagFactory(slug="العراق", name_ar="العراق", name_en="Iraq")
    author = AuthorFactory(slug="sara-hassan", name_ar="سارة حسن", name_en="Sara Hassan", bio_ar="صحفية")
    assert client.get("/ar/tag/العراق/").status_code == 200  # prepared by a first page
    compiled = []
    real = SQLCompiler.as_sql

    def noted(self, *args, **kwargs):
        compiled.append(self.query.model)
        return real(self, *args, **kwargs)

    with mock.patch.object(SQLCompiler, "as_sql", noted), django_assert_num_queries(1):
        found = selectors.tag_by_slug("العراق")
    assert Tag not in compiled
    assert preparing._same(found, Tag.objects.get(pk=tag.pk)) and found.name == "العراق"
    with translation.override("en"):
        assert found.name == "Iraq"
    assert preparing._same(selectors.author_by_slug("sara-hassan"), Author.objects.get(pk=author.pk))
    # Nothing else answers: another address, the text of a stand-in, an address of another kind.
    assert selectors.tag_by_slug("العراق-2") is None
    assert selectors.tag_by_slug(str(next(preparing._STAND_INS) + 1)) is None
    assert selectors.author_by_slug("العراق") is None
    for address, said in (("/en/tag/nothing-here/", "no tag"), ("/en/author/nobody/", "no author")):
        response = client.get(address)
        assert response.status_code == 404 and f"There is {said} at this address." in response.content.decode()
