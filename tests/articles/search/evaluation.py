"""Measuring search on the relevance set: recall, precision, MRR, false hits, words that meet.

Two halves:

- ``compare_stemmers``: every Arabic analyser (the project's, the one issue 21
  was filed against, the maintained library stemmers that install from PyPI,
  and the project's clitic and function-word rules followed by a library
  stemmer) indexes the corpus in memory and answers the Arabic queries with
  one shared ranking, so that only the analyser differs.
- ``evaluate_site``: the corpus published through the services into the test
  database, and every query (Arabic and English) asked of
  ``search.article_search_ids``, as the search page asks it: PostgreSQL's
  full-text search in production, the plainer fallback on SQLite.

``make search-eval`` prints both (``tools/search_eval.py``);
``test_relevance.py`` holds the site to the targets of issue 21.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache

from articles.search import normalise

from . import baseline
from .corpus import SECTIONS, STORIES
from .judgements import PAIRS, QUERIES, SAME

# The targets of issue 21.
RECALL_TARGET = 0.98
FIRST_RIGHT_TARGET = 0.90


@dataclass
class Figures:
    """What one analyser or one database made of the relevance set."""

    name: str
    queries: int = 0
    expected: int = 0
    found: int = 0
    found_relevant: int = 0
    first_right: int = 0
    reciprocal_ranks: float = 0.0
    pairs_met: list = field(default_factory=list)
    same_missed: list = field(default_factory=list)
    misses: list = field(default_factory=list)
    false_hits: list = field(default_factory=list)
    wrong_first: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found_relevant / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.found_relevant / self.found if self.found else 1.0

    @property
    def mrr(self) -> float:
        return self.reciprocal_ranks / self.queries if self.queries else 0.0

    @property
    def first_right_share(self) -> float:
        return self.first_right / self.queries if self.queries else 0.0

    def count(self, text: str, expected: set, first: str, results: list) -> None:
        """Score one query's ranked results against its judgement."""
        self.queries += 1
        self.expected += len(expected)
        self.found += len(results)
        self.found_relevant += len(expected & set(results))
        if results and results[0] == first:
            self.first_right += 1
        else:
            self.wrong_first.append((text, first, results[:3]))
        if first in results:
            self.reciprocal_ranks += 1 / (results.index(first) + 1)
        if expected - set(results):
            self.misses.append((text, sorted(expected - set(results))))
        if set(results) - expected:
            self.false_hits.append((text, sorted(set(results) - expected)))

    def row(self) -> dict:
        return {
            "name": self.name,
            "queries": self.queries,
            "recall": self.recall,
            "precision": self.precision,
            "mrr": self.mrr,
            "first right": self.first_right_share,
            "false hits": len([hit for _text, hits in self.false_hits for hit in hits]),
            "pairs met": len(self.pairs_met),
            "forms missed": len(self.same_missed),
        }


# --- the analysers ----------------------------------------------------------------------

Analyser = Callable[[str], tuple[str, ...]]


def _fold(stem: str) -> tuple[str, ...]:
    folded = normalise.normalize(stem)
    return (folded,) if folded else ()


def _library(stemmer: Callable[[str], str], *, project_rules: bool) -> Analyser:
    """A library stemmer as an analyser: given the word with diacritics off, its stem letter-folded.

    With ``project_rules`` the project's function words are dropped and its
    clitic rules applied first; the library then stems what remains.
    """

    @cache
    def analyse(word: str) -> tuple[str, ...]:
        bare = normalise.bare(word)
        if not normalise.ARABIC_LETTER.search(bare):
            return _fold(bare)
        if project_rules:
            if normalise.is_function_word(bare):
                return ()
            bare = normalise.clitics_off(bare)
        return _fold(stemmer(bare) or bare)

    return analyse


def analysers() -> dict[str, Analyser]:
    """Every analyser that can be built here, by name; library stemmers that are not installed are left out."""
    found: dict[str, Analyser] = {
        "project": normalise.analyse,
        "project as filed (issue 21)": lambda word: _fold(baseline.stem(word)),
    }
    libraries: dict[str, Callable[[str], str]] = {}
    try:
        import Stemmer

        snowball = Stemmer.Stemmer("arabic")
        libraries["Snowball (PyStemmer)"] = snowball.stemWord
    except ImportError:
        pass
    try:
        from tashaphyne.stemming import ArabicLightStemmer

        libraries["Tashaphyne"] = ArabicLightStemmer().light_stem
    except ImportError:
        pass
    try:
        from nltk.stem.isri import ISRIStemmer

        libraries["ISRI (NLTK)"] = ISRIStemmer().stem
    except ImportError:
        pass
    try:
        from qalsadi.lemmatizer import Lemmatizer

        libraries["Qalsadi"] = Lemmatizer().lemmatize
    except ImportError:
        pass
    for name, stemmer in libraries.items():
        found[name] = _library(stemmer, project_rules=False)
    for name, stemmer in libraries.items():
        found[f"project rules, then {name}"] = _library(stemmer, project_rules=True)
    return found


# --- in memory: the same ranking for every analyser -----------------------------------

FIELD_WEIGHTS = {"headline": 1.0, "standfirst": 0.4, "body": 0.1}


def _story_fields(story: dict) -> dict[str, str]:
    return {name: story[name] for name in FIELD_WEIGHTS}


def _sample_story() -> dict:
    from articles.demo.data import sample_story
    from articles.richtext import plain_text

    content = sample_story()["content"]
    return {
        "key": "sample",
        "days": SAMPLE_DAYS,
        "headline": content["headline_ar"],
        "standfirst": content["standfirst_ar"],
        "body": content["dateline_ar"] + " " + plain_text(content["body_ar"]),
    }


def _groups(analyse: Analyser, text: str) -> list[tuple[str, ...]]:
    return [analyse(word) for word in normalise.words(normalise.join_numbers(text))]


def compare_stemmers() -> list[Figures]:
    """Each analyser's figures on the Arabic queries, pairs and forms (no database)."""
    stories = [*STORIES, _sample_story()]
    results = []
    for name, analyse in analysers().items():
        figures = Figures(name)
        indexed = []
        for story in stories:
            fields = {
                field_name: [set(group) for group in _groups(analyse, text) if group]
                for field_name, text in _story_fields(story).items()
            }
            indexed.append((story, fields))
        for language, text, expected, first in QUERIES:
            if language != "ar":
                continue
            query = [set(group) for group in _groups(analyse, text.strip('"')) if group]
            ranked = []
            for story, fields in indexed:
                if not query:
                    break
                terms = set().union(*(group for groups in fields.values() for group in groups))
                if not all(group & terms for group in query):
                    continue
                score = sum(
                    FIELD_WEIGHTS[field_name]
                    * sum(1 for group in groups if any(group & wanted for wanted in query))
                    / (1 + math.log(1 + len(groups)))
                    for field_name, groups in fields.items()
                )
                ranked.append((-score, story["days"], story["key"]))
            figures.count(text, expected, first, [key for *_order, key in sorted(ranked)])
        _word_checks(figures, analyse)
        results.append(figures)
    return results


def _terms(analyse: Analyser, text: str) -> set[str]:
    return {term for group in _groups(analyse, text) for term in group}


def _word_checks(figures: Figures, analyse: Analyser) -> None:
    """Which different-word pairs meet and which forms of one word do not."""
    for word, other, why in PAIRS:
        if _terms(analyse, word) & _terms(analyse, other):
            figures.pairs_met.append((word, other, why))
    for one, other in SAME:
        if not _terms(analyse, one) or _terms(analyse, one) != _terms(analyse, other):
            figures.same_missed.append((one, other))


# --- on the site's own search -------------------------------------------------------------

SAMPLE_DAYS = 14


def load_corpus() -> dict[int, str]:
    """Publish the corpus through the services; returns the story keys by id."""
    from django.utils import timezone

    from articles.models import Article
    from tests.factories import EditorFactory, ModeratorFactory, SectionFactory, published, sample_story_content

    editor, moderator = EditorFactory(), ModeratorFactory()
    sections = {slug: SectionFactory(slug=slug, name_ar=names[0], name_en=names[1]) for slug, names in SECTIONS.items()}
    now = timezone.now()
    keys = {}
    sample = published(editor, moderator, **sample_story_content(section=sections["politics"]))
    Article.objects.filter(pk=sample.pk).update(first_published_at=now - timedelta(days=SAMPLE_DAYS))
    keys[sample.pk] = "sample"
    for story in STORIES:
        english = story.get("en", {})
        article = published(
            editor,
            moderator,
            section=sections[story["section"]],
            headline_ar=story["headline"],
            standfirst_ar=story["standfirst"],
            body_ar="".join(f"<p>{sentence}.</p>" for sentence in story["body"].split(". ")),
            dateline_ar="",
            headline_en=english.get("headline", ""),
            standfirst_en=english.get("standfirst", ""),
            body_en=f"<p>{english['body']}</p>" if english else "",
            dateline_en="",
        )
        Article.objects.filter(pk=article.pk).update(first_published_at=now - timedelta(days=story["days"]))
        keys[article.pk] = story["key"]
    return keys


def evaluate_site(keys: dict[int, str], *, name: str) -> Figures:
    """Every query of the set asked of the site's search, scored."""
    from articles import search

    figures = Figures(name)
    for language, text, expected, first in QUERIES:
        query = search.Query.parse(text, language)
        results = [keys[pk] for pk in search.article_search_ids(query) if pk in keys]
        figures.count(f"[{language}] {text}", expected, first, results)
    _word_checks(figures, normalise.analyse)
    return figures
