"""Search: Arabic spelling variants find the sample story, on PostgreSQL and on SQLite."""

import pytest
from django.db import connection

from articles import search
from articles.models import Article
from tests.factories import EditorFactory, edit, published, sample_story_content, unpublished

# What readers type, and what the sample story says (it has التحالف,
# للانسحاب, العراق and أمريكيين / الأمريكية, but neither الانسحاب nor
# أمريكا spelt out: prefixes and endings must not hide a match).
VARIANTS = ["التحالف", "والتحالف", "تحالف", "الإنسحاب", "العِراق", "امريكا"]


# --- normalising and stemming (no database) -----------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("والتحالف", "التحالف"),
        ("تحالف", "التحالف"),
        ("الإنسحاب", "للانسحاب"),
        ("العِراق", "العراق"),
        ("امريكا", "أمريكيين"),
        ("امريكا", "الأمريكية"),
        ("الـــعراق", "العراق"),  # tatweel
        ("مؤتمر", "موتمر"),  # hamza on waw
        ("الهيئة", "هيئه"),  # hamza on ya, ta marbuta
        ("مدرسة", "مدرسه"),  # ta marbuta
        ("مستشفى", "مستشفي"),  # alef maqsura (على is a function word, not the name علي: see test_normalise)
        ("بالأردن", "الأردن"),
        ("فالعراق", "العراق"),
        ("آمن", "امن"),
        ("ٱلعراق", "العراق"),  # alef wasla
    ],
)
def test_spellings_meet_on_one_stem(typed, stored):
    assert search.arabic_terms(typed) == search.arabic_terms(stored)


def test_normalising_removes_diacritics_and_tatweel_and_folds_letters():
    assert search.normalize("قُتِلَ الـعِراقُ أإآٱ ؤ ئ ة ى") == "قتل العراق اااا و ي ه ي"


def test_short_words_keep_their_letters():
    # A clitic is only taken off when a real stem would remain.
    assert search.arabic_terms("وزن بلد فرد كتب") == ["وزن", "بلد", "فرد", "كتب"]


def test_query_keeps_at_most_a_few_terms_and_notes_a_long_query():
    query = search.Query.parse("كلمة " * 300, "ar")
    assert query.too_long
    assert len(query.terms) <= search.MAX_TERMS


@pytest.mark.parametrize("typed", ["", "   ", "ًٌٍَُِّْ", "ــــ", "!!! ??? ...", "'"])
def test_queries_with_no_words_are_empty(typed):
    assert not search.Query.parse(typed, "ar")


def test_highlight_marks_matching_words_and_escapes_everything():
    query = search.Query.parse("التحالف", "ar")
    html = search.highlight("<b>قوات التحالف</b> وللتحالف & غيرها", query)
    assert html == "&lt;b&gt;قوات <mark>التحالف</mark>&lt;/b&gt; <mark>وللتحالف</mark> &amp; غيرها"


# --- searching the site (SQLite fallback and PostgreSQL) -------------------------------


@pytest.fixture
def sample(db):
    return published(**sample_story_content())


@pytest.mark.django_db
@pytest.mark.parametrize("typed", VARIANTS)
def test_arabic_variants_find_the_sample_story(sample, typed):
    query = search.Query.parse(typed, "ar")
    assert list(search.article_search(query)) == [sample]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", VARIANTS)
def test_search_page_finds_and_highlights_the_sample_story(client, sample, typed):
    response = client.get("/ar/search/", {"q": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"/ar/news/{sample.pk}/{sample.slug}/" in page
    assert "<mark>" in page


@pytest.mark.django_db
def test_all_words_must_match(sample):
    assert list(search.article_search(search.Query.parse("التحالف العراق", "ar"))) == [sample]
    assert list(search.article_search(search.Query.parse("التحالف البرازيل", "ar"))) == []


@pytest.mark.django_db
def test_english_is_searched_in_the_english_edition(client, sample):
    page = client.get("/en/search/", {"q": "withdrawal coalition"}).content.decode()
    assert f"/en/news/{sample.pk}/{sample.slug}/" in page
    assert "<mark>withdrawal</mark>" in page


@pytest.mark.django_db
def test_the_index_is_written_on_publish_and_only_then(sample):
    sample.refresh_from_db()
    assert " تحالف " in sample.search_text_ar
    assert " withdrawal " in sample.search_text_en
    # An edit waiting for review changes nothing readers can find.
    edit(sample, EditorFactory(), headline_ar="عنوان جديد عن الزلزال")
    sample.refresh_from_db()
    assert "زلزال" not in sample.search_text_ar
    assert not search.article_search(search.Query.parse("الزلزال", "ar")).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ًٌٍَُِّْ",
        "x" * 5000,
        "التحالف " * 500,
        "'; DROP TABLE articles_article; --",
        "') OR 1=1 --",
        "& | ! : * ( ) <-> \\",
        "'''",
        "<script>alert(1)</script>",
        "%_%",
        # A NUL is answered 400 before search sees it: tests/security/test_bad_input.py.
    ],
)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_hostile_queries_get_a_friendly_page(client, sample, typed, language):
    response = client.get(f"/{language}/search/", {"q": typed})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_results_are_paginated(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    for number in range(5):
        published(headline_ar=f"التحالف رقم {number}")
    first = client.get("/ar/search/", {"q": "التحالف"}).content.decode()
    assert first.count('class="result"') == 2
    assert 'rel="next" href="?q=%D8%A7%D9%84%D8%AA%D8%AD%D8%A7%D9%84%D9%81&amp;page=2"' in first
    last = client.get("/ar/search/", {"q": "التحالف", "page": 3}).content.decode()
    assert last.count('class="result"') == 1
    assert client.get("/ar/search/", {"q": "التحالف", "page": 9}).status_code == 404


@pytest.mark.django_db
def test_each_page_of_results_keeps_the_search_order(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    stories = [published(headline_ar=f"التحالف رقم {number}") for number in range(5)]
    order = search.article_search_ids(search.Query.parse("التحالف", "ar"))
    assert sorted(order) == sorted(story.pk for story in stories)
    shown = []
    for number in (1, 2, 3):
        page = client.get("/ar/search/", {"q": "التحالف", "page": number}).context["page"]
        shown += [story.pk for story in page.object_list]
    assert shown == order


@pytest.mark.django_db
def test_a_page_of_results_keeps_the_order_it_is_given_and_leaves_out_a_story_withdrawn_meanwhile():
    older, newer = published(headline_ar="التحالف أولا"), published(headline_ar="التحالف ثانيا")
    withdrawn = unpublished(headline_ar="التحالف مسحوب")
    assert search.article_search_page([older.pk, withdrawn.pk, newer.pk], "ar") == [older, newer]


# --- PostgreSQL: the weighted vectors and their GIN index ------------------------------

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL (set DATABASE_URL)"
)


@pytest.mark.django_db
@pytest.mark.postgres
@needs_postgres
def test_postgres_has_gin_indexes_on_the_vectors():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_article'")
        indexes = dict(cursor.fetchall())
    assert "USING gin (search_ar)" in indexes["article_search_ar"]
    assert "USING gin (search_en)" in indexes["article_search_en"]


@pytest.mark.django_db
@pytest.mark.postgres
@needs_postgres
def test_postgres_ranks_a_headline_match_above_a_body_match(db):
    # The headline match is the older story: rank, not recency, puts it first.
    in_headline = published(headline_ar="زلزال يضرب المنطقة", body_ar="<p>نص قصير.</p>")
    in_body = published(headline_ar="أخبار المنطقة", body_ar="<p>وقع زلزال خفيف في المنطقة.</p>")
    results = list(search.article_search(search.Query.parse("الزلزال", "ar")))
    assert results == [in_headline, in_body]


@pytest.mark.django_db
@pytest.mark.postgres
@needs_postgres
def test_postgres_english_search_uses_the_english_stemmer(sample):
    assert list(search.article_search(search.Query.parse("withdrawals talking", "en"))) == [sample]


def test_excerpt_shows_short_text_whole_and_a_window_of_long_text():
    query = search.Query.parse("التحالف", "ar")
    assert search.excerpt("قوات التحالف", query) == "قوات <mark>التحالف</mark>"
    long_text = " ".join(["كلمة"] * 50 + ["التحالف"] + ["نهاية"] * 50)
    piece = search.excerpt(long_text, query, size=12)
    assert piece.startswith("… ") and piece.endswith(" …")
    assert "<mark>التحالف</mark>" in piece
    assert len(piece.split()) < 20


@pytest.mark.django_db
def test_reindex_command_rebuilds_the_index_of_live_stories(sample, capsys):
    from django.core.management import call_command

    Article.objects.filter(pk=sample.pk).update(search_text_ar="", search_text_en="")
    assert not search.article_search(search.Query.parse("التحالف", "ar")).exists() or connection.vendor == "postgresql"
    call_command("search_reindex")
    assert "1 live stories indexed" in capsys.readouterr().out
    sample.refresh_from_db()
    assert " تحالف " in sample.search_text_ar


@pytest.mark.django_db
def test_migration_indexes_stories_that_were_live_before_search_existed(sample):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("articles.migrations.0003_search")
    Article.objects.filter(pk=sample.pk).update(search_text_ar="")
    migration.index_live_stories(apps, None)
    sample.refresh_from_db()
    assert " تحالف " in sample.search_text_ar


@pytest.mark.postgres
@needs_postgres
def test_postgres_ranks_only_the_newest_matches_of_a_very_common_word(db, monkeypatch):
    monkeypatch.setattr(search.query, "SEARCH_CANDIDATES", 2)
    oldest = published(headline_ar="التحالف في العنوان والتحالف مرة أخرى")  # the best match, but old
    middle = published(headline_ar="خبر عن التحالف")
    newest = published(headline_ar="خبر آخر عن التحالف")
    found = list(search.article_search(search.Query.parse("التحالف", "ar")))
    assert {story.pk for story in found} == {middle.pk, newest.pk}
    assert oldest.pk not in {story.pk for story in found}


@pytest.mark.django_db
def test_a_page_of_results_lists_the_stories_in_the_order_search_ranks_them():
    """The ids a results page is cut from are ranked in the pass that finds them, as ``article_search`` orders them."""
    old_headline = published(headline_ar="التحالف في العنوان", body_ar="<p>نص قصير.</p>")
    mention = published(headline_ar="خبر عن الاقتصاد", body_ar="<p>ذكر التحالف مرة في خبر طويل عن الاقتصاد.</p>")
    first_tie = published(headline_ar="خبر أول عن التحالف", body_ar="<p>نص.</p>")
    second_tie = published(headline_ar="خبر ثان عن التحالف", body_ar="<p>نص.</p>")
    query = search.Query.parse("التحالف", "ar")
    ids = search.article_search_ids(query)
    assert ids == [story.pk for story in search.article_search(query)]
    assert set(ids) == {old_headline.pk, mention.pk, first_tie.pk, second_tie.pk}
    if connection.vendor == "postgresql":
        assert ids.index(mention.pk) == 3  # a passing mention in the body ranks last
        assert ids.index(second_tie.pk) < ids.index(first_tie.pk)  # equal ranks: the newer first


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db
def test_postgres_keeps_the_search_vectors_in_the_story_row():
    """STORAGE MAIN: a search reads each candidate's vector from its row, not from the TOAST table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'articles_article'::regclass "
            "AND attname IN ('search_ar', 'search_en') ORDER BY attname"
        )
        assert cursor.fetchall() == [("search_ar", "m"), ("search_en", "m")]


# --- the body as plain text, stored with the index for the results' excerpts ----------------

BODY_AR = "<p>قالت <strong>الحكومة</strong> إن قوات التحالف &amp; الشركاء</p><ul><li>انسحبت</li></ul>"
BODY_EN = "<p>The <em>coalition</em> &amp; its partners</p><p>withdrew.</p>"


def _stored(article) -> tuple[str, str]:
    return tuple(Article.objects.filter(pk=article.pk).values_list("search_body_ar", "search_body_en").get())


@pytest.mark.django_db
def test_a_story_going_live_stores_its_body_as_plain_text_in_both_editions():
    both = published(body_ar=BODY_AR, headline_en="Coalition", body_en=BODY_EN)
    assert _stored(both) == ("قالت الحكومة إن قوات التحالف & الشركاء انسحبت", "The coalition & its partners withdrew.")
    arabic_only = published(body_ar=BODY_AR, headline_en="", body_en="")
    assert _stored(arabic_only) == ("قالت الحكومة إن قوات التحالف & الشركاء انسحبت", "")


@pytest.mark.django_db
def test_the_stored_plain_text_is_the_live_bodys_and_never_a_drafts():
    from tests.factories import draft, republished

    assert _stored(draft(body_ar="<p>مسودة لم تنشر</p>")) == ("", "")
    article = published(body_ar="<p>النص الأول</p>", headline_en="", body_en="")
    edit(article, EditorFactory(), body_ar="<p>تعديل ينتظر المراجعة</p>")
    assert _stored(article) == ("النص الأول", "")
    article = republished(article, body_ar="<p>النص الثاني</p>", headline_en="Second", body_en="<p>Second text</p>")
    assert _stored(article) == ("النص الثاني", "Second text")
    article = republished(article, headline_en="", body_en="")  # the English edition dropped
    assert _stored(article) == ("النص الثاني", "")


@pytest.mark.django_db
def test_a_correction_keeps_the_stored_plain_text_and_a_withdrawn_story_is_no_result(client):
    from tests.factories import corrected

    article = published(headline_ar="خبر عن الفسيفساء", body_ar="<p>النص المصحح</p>")
    corrected(article)
    assert _stored(article)[0] == "النص المصحح"
    withdrawn = unpublished(headline_ar="خبر مسحوب عن الفسيفساء", body_ar="<p>نص مسحوب</p>")
    page = client.get("/ar/search/", {"q": "الفسيفساء"}).content.decode()
    assert "النص المصحح" in page
    assert "مسحوب" not in page and f"/news/{withdrawn.pk}/" not in page


@pytest.mark.django_db
def test_a_results_excerpt_is_cut_from_the_stored_plain_text_not_the_html(client):
    article = published(headline_ar="خبر", standfirst_ar="", body_ar="<p>قوات <b>التحالف</b> في الميدان</p>")
    Article.objects.filter(pk=article.pk).update(search_body_ar="النص المخزن عن التحالف")
    page = client.get("/ar/search/", {"q": "التحالف"}).content.decode()
    assert "النص المخزن عن <mark>التحالف</mark>" in page
    assert "الميدان" not in page


@pytest.mark.django_db
def test_a_page_of_twenty_results_makes_three_queries_and_reads_no_html_body(client):
    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    for number in range(25):
        published(headline_ar=f"التحالف رقم {number}", body_ar=f"<p>نص عن التحالف {number}</p>")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/ar/search/", {"q": "التحالف"}).content.decode()
    assert page.count('class="result"') == 20
    # The ranked ids, the page's twenty stories with their sections, the navigation's sections.
    assert len(queries) == 3
    assert not any('"body_ar"' in query["sql"] or '"body"' in query["sql"] for query in queries)


@pytest.mark.django_db
def test_migration_fills_the_plain_text_of_stories_live_before_it(monkeypatch):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps

    from tests.factories import draft

    migration = importlib.import_module("articles.migrations.0013_search_body_plain_text")
    live = [
        published(body_ar=f"<p>نص <i>رقم</i> {n}</p>", headline_en="Story", body_en=f"<p>Text {n}</p>")
        for n in range(3)
    ]
    arabic_only = published(body_ar="<p>عربي فقط</p>", headline_en="", body_en="")
    never_live = draft(body_ar="<p>مسودة</p>")
    Article.objects.update(search_body_ar="", search_body_en="")
    monkeypatch.setattr(migration, "BATCH", 2)  # more than one batch, and a last one not full
    migration.fill(apps, SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name))
    assert [_stored(article) for article in live] == [(f"نص رقم {n}", f"Text {n}") for n in range(3)]
    assert _stored(arabic_only) == ("عربي فقط", "")
    assert _stored(never_live) == ("", "")


@pytest.mark.django_db
def test_a_migration_older_than_the_plain_text_indexes_with_its_historical_model():
    """0010 rebuilds the index with the model of its day, which has no plain-text columns: they are left alone."""
    from django.db.migrations.loader import MigrationLoader

    article = published(headline_ar="خبر عن التحالف", body_ar="<p>النص الحي</p>", headline_en="", body_en="")
    Article.objects.filter(pk=article.pk).update(search_text_ar="", search_body_ar="كما كان")
    state = MigrationLoader(connection).project_state(("articles", "0010_search_reindex_issue_21"))
    assert search.reindex_live(state.apps.get_model("articles", "Article")) == 1
    stored = Article.objects.filter(pk=article.pk).values("search_text_ar", "search_body_ar").get()
    assert " تحالف " in stored["search_text_ar"] and stored["search_body_ar"] == "كما كان"


def _excerpt_word_by_word(text, query, size=30):
    """The excerpt as it was made before ``first_match``: every word read and analysed in turn (the reference)."""
    from collections import deque

    from articles.search.normalise import WORD

    lead = size // 3
    before, head, taken, skipped, more = deque(maxlen=lead), [], [], False, False
    for found in WORD.finditer(text):
        if taken:
            if len(taken) == size:
                more = True
                break
            taken.append(found)
        elif query.matches_word(found.group()):
            taken = [*before, found]
        else:
            skipped = skipped or len(before) == lead
            before.append(found)
            if len(head) <= size:
                head.append(found)
    if not taken:
        taken, skipped, more = head[:size], False, len(head) > size
    if not taken or (not skipped and not more):
        return search.highlight(text, query)
    piece = text[taken[0].start() : taken[-1].end()]
    return ("… " if skipped else "") + search.highlight(piece, query) + (" …" if more else "")


@pytest.mark.parametrize(("typed", "language"), [("التحالف", "ar"), ("الفسيفساء", "ar"), ("coalition talks", "en")])
def test_excerpt_finds_the_first_match_as_reading_every_word_did(typed, language):
    import random

    pieces = [
        "قالت", "الحكومة", "والتحالف", "(التحالف)", "التحالفِ،", "تحالف-الشمال", "الفسيفساء.", "«الفسيفساء»",
        "٢٬٥٠٠", "2,500", "جندي", "coalition,", "Coalitions", "talks.", "x", "…", "ـ", "\n", "العراق؛",
    ]  # fmt: skip
    rng = random.Random(16)
    query = search.Query.parse(typed, language)
    for _ in range(400):
        words = [rng.choice(pieces[3:] if rng.random() < 0.5 else pieces) for _ in range(rng.randrange(0, 120))]
        # Matches far in, near the start, doubled, or none at all.
        text = rng.choice([" ", "  ", " \t"]).join(words)
        for size in (30, 12, 3, 1):
            assert search.excerpt(text, query, size=size) == _excerpt_word_by_word(text, query, size), (text, size)
