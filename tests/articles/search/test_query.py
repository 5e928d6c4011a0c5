"""Digits, phrases and ranking on the site's search (SQLite fallback and PostgreSQL)."""

import importlib

import pytest
from django.db import connection

from articles import search
from articles.models import Article
from tests.factories import published, sample_story_content

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text ranking needs PostgreSQL (set DATABASE_URL)"
)
ARABIC_ONLY = {"headline_en": "", "standfirst_en": "", "body_en": "", "dateline_en": "", "standfirst_ar": "خبر"}
FILLER = " ".join(["وقال مسؤولون محليون إن العمل مستمر في المنطقة منذ الصباح."] * 60)


def found(typed: str, language: str = "ar") -> list[Article]:
    return list(search.article_search(search.Query.parse(typed, language)))


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["٢٥٠٠ جندي", "۲۵۰۰ جندي", "2500 جندي", "2,500"])
def test_any_digits_find_the_number(typed):
    story = published(headline_ar="وصول ٢٥٠٠ جندي إلى القاعدة", body_ar="<p>وصل 2500 جندي أمس.</p>", **ARABIC_ONLY)
    assert found(typed) == [story]


@pytest.mark.django_db
def test_the_results_page_shows_digits_as_written(client):
    published(headline_ar="وصول ٢٥٠٠ جندي إلى القاعدة", body_ar="<p>وصل الجنود أمس.</p>", **ARABIC_ONLY)
    page = client.get("/ar/search/", {"q": "2500"}).content.decode()
    assert "<mark>٢٥٠٠</mark>" in page
    assert "2500 جندي" not in page


@pytest.mark.django_db
def test_a_query_in_quotes_finds_the_exact_phrase():
    together = published(headline_ar="انسحاب قوات التحالف من القاعدة", body_ar="<p>نص قصير.</p>", **ARABIC_ONLY)
    apart = published(headline_ar="التحالف يعيد نشر قوات جديدة", body_ar="<p>نص قصير.</p>", **ARABIC_ONLY)
    assert set(found("قوات التحالف")) == {together, apart}
    assert found('"قوات التحالف"') == [together]
    assert found("«قوات التحالف»") == [together]
    assert found('"التحالف قوات"') == []


@pytest.mark.django_db
def test_a_phrase_does_not_run_from_the_headline_into_the_standfirst():
    published(headline_ar="اجتماع في القاهرة", body_ar="<p>نص.</p>", **{**ARABIC_ONLY, "standfirst_ar": "غدا"})
    assert found("القاهرة غدا")
    assert found('"القاهرة غدا"') == []


@pytest.mark.django_db
def test_an_english_phrase_in_quotes():
    story = published(**sample_story_content())
    assert found('"coalition forces"', "en") == [story]
    assert found('"forces coalition"', "en") == []


@pytest.mark.django_db
def test_a_query_of_function_words_only_has_nothing_to_look_for(client):
    published(**sample_story_content())
    assert not search.Query.parse("على في إلى", "ar")
    response = client.get("/ar/search/", {"q": "على في إلى"})
    assert response.status_code == 200
    assert response.context["query"].text == "على في إلى"
    assert response.context["results"] == []


@pytest.mark.django_db
def test_a_word_read_two_ways_is_highlighted_either_way():
    query = search.Query.parse("تحالف", "ar")
    assert search.highlight("وتحالف واسع", query) == "<mark>وتحالف</mark> واسع"


@pytest.mark.django_db
def test_the_migration_reindexes_stories_live_before_the_rules_changed(db):
    from django.apps import apps

    story = published(**sample_story_content())
    # An index made by the earlier rules: the words, but not the folded digits.
    Article.objects.filter(pk=story.pk).update(search_text_ar=" عراق تحالف ", search_ar=None)
    assert found("٢٥٠٠") == []
    migration = importlib.import_module("articles.migrations.0010_search_reindex_issue_21")
    migration.reindex_live_stories(apps, None)
    story.refresh_from_db()
    assert " 2500 " in story.search_text_ar
    assert found("٢٥٠٠") == [story]


# --- ranking (PostgreSQL) -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.postgres
@needs_postgres
def test_words_standing_together_rank_above_words_far_apart():
    near = published(headline_ar="تقرير", body_ar=f"<p>عبرت قناة السويس سفن كثيرة. {FILLER}</p>", **ARABIC_ONLY)
    far = published(headline_ar="تقرير", body_ar=f"<p>حفرت قناة للري. {FILLER} وزار الوفد السويس.</p>", **ARABIC_ONLY)
    assert found("قناة السويس") == [near, far]


@pytest.mark.django_db
@pytest.mark.postgres
@needs_postgres
def test_a_short_story_about_the_word_ranks_above_a_long_one_mentioning_it_in_passing():
    short = published(headline_ar="تقرير", body_ar="<p>وقع الزلزال فجر اليوم في المدينة.</p>", **ARABIC_ONLY)
    long = published(
        headline_ar="تقرير", body_ar=f"<p>{FILLER} وذكر الزلزال. {FILLER} وعاد الزلزال.</p>", **ARABIC_ONLY
    )
    assert found("الزلزال") == [short, long]


@pytest.mark.django_db
@pytest.mark.postgres
@needs_postgres
def test_newer_stories_win_ties():
    older = published(headline_ar="مهرجان الموسيقى", body_ar="<p>نص.</p>", **ARABIC_ONLY)
    newer = published(headline_ar="مهرجان الموسيقى", body_ar="<p>نص.</p>", **ARABIC_ONLY)
    assert found("مهرجان") == [newer, older]


@pytest.mark.django_db
@pytest.mark.postgres
@needs_postgres
def test_the_headline_still_outranks_the_body_of_a_newer_story():
    in_headline = published(headline_ar="زلزال يضرب المنطقة", body_ar="<p>نص.</p>", **ARABIC_ONLY)
    in_body = published(headline_ar="أخبار", body_ar="<p>زلزال خفيف في المنطقة.</p>", **ARABIC_ONLY)
    assert found("زلزال") == [in_headline, in_body]
