"""The Arabic rules, without a database: different words stay apart, forms of one word meet."""

import pytest

from articles import search
from articles.search import normalise

from .judgements import PAIRS, SAME


def terms(text: str) -> set[str]:
    return set(search.arabic_terms(text))


@pytest.mark.parametrize(("word", "other", "why"), PAIRS)
def test_different_words_share_no_term(word, other, why):
    assert not terms(word) & terms(other), f"{word} and {other} meet ({why})"


@pytest.mark.parametrize(("one", "other"), SAME)
def test_forms_of_one_word_meet(one, other):
    assert terms(one)
    assert terms(one) == terms(other)


@pytest.mark.parametrize("typed", ["٢٥٠٠", "۲۵۰۰", "2500", "٢٬٥٠٠", "2,500"])
def test_arabic_indic_and_persian_digits_fold_to_one_number(typed):
    assert search.arabic_terms(typed) == ["2500"]
    assert search.english_terms(typed) == ["2500"]


def test_digit_groups_that_are_not_thousands_stay_apart():
    assert search.arabic_terms("2,50 12,3456") == ["2", "50", "12", "3456"]


def test_function_words_are_no_terms_but_names_spelt_like_them_are():
    assert search.arabic_terms("على إلى في أمام عليه") == []
    assert search.arabic_terms("علي آلي إمام") == ["علي", "الي", "امام"]


def test_function_words_keep_their_place():
    assert normalise.word_terms("حرب على الإرهاب") == [("حرب",), (), ("ارهاب",)]


def test_an_alef_with_hamza_is_no_article():
    assert search.arabic_terms("ألبوم") == ["البوم"]
    assert search.arabic_terms("الألبوم") == ["البوم"]
    assert search.arabic_terms("البحر") == ["بحر"]


def test_an_ambiguous_first_letter_keeps_both_readings():
    # و may be "and" (وتحالف) or the word's own letter (وفير): both terms are kept.
    assert set(normalise.analyse("وتحالف")) == {"تحالف", "وتحالف"}
    assert set(normalise.analyse("بطول")) == {"طول", "بطول"}
    # Words the lexicon knows keep their letter, and only it.
    assert normalise.analyse("وزير") == ("وزير",)
    assert normalise.analyse("والوزير") == ("وزير",)


def test_ka_is_a_clitic_only_before_the_article():
    assert search.arabic_terms("كتائب") != search.arabic_terms("تائب")
    assert search.arabic_terms("كالتحالف") == search.arabic_terms("التحالف")


def test_the_relevance_set_is_as_large_as_issue_21_asks():
    from .corpus import STORIES
    from .judgements import QUERIES

    assert len(STORIES) >= 60
    assert {story["section"] for story in STORIES} >= {"politics", "economy", "sport", "culture", "local"}
    assert sum("en" in story for story in STORIES) >= 10
    assert len(QUERIES) >= 80
    assert len(PAIRS) >= 60
    assert {why for _word, _other, why in PAIRS} >= {"clitic", "weak radical", "dual/plural", "nisba", "function word"}


def test_the_projects_analyser_beats_the_one_issue_21_was_filed_against():
    from .evaluation import FIRST_RIGHT_TARGET, RECALL_TARGET, Figures, _word_checks
    from .evaluation import baseline as filed

    now, then = Figures("project"), Figures("as filed")
    _word_checks(now, normalise.analyse)
    _word_checks(then, lambda word: (filed.stem(word),))
    assert not now.pairs_met and not now.same_missed
    assert len(then.pairs_met) > len(PAIRS) // 2
    assert RECALL_TARGET == 0.98 and FIRST_RIGHT_TARGET == 0.90


@pytest.mark.parametrize("typed", ["ًٌٍَُِّْ", "___", "ـــ"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_words_that_fold_to_nothing_leave_nothing_to_look_for(typed, language):
    assert not search.Query.parse(typed, language)
