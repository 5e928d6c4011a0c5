"""Reading what a reader typed, finding the live stories that match, and marking the matches.

The ORM half of search: ``article_search`` on the vectors ``index`` stored
(PostgreSQL) or on the normalised text (SQLite), ``article_search_ids`` and
``article_search_page`` for a page of results; ``highlight`` and ``excerpt``
mark the reader's words in what a result prints.
"""

import re
from collections import deque
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..models import Article
from ..richtext import clean_line
from ..selectors.public import article_live, in_order_of
from .index import _quote
from .normalise import WORD, arabic_terms, english_terms, fold, normalize

MAX_QUERY_LENGTH = 200
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TERMS = 8


@dataclass(frozen=True)
class Query:
    """What a reader typed, read once: the terms to look for, or why there are none."""

    text: str
    language: str
    terms: tuple[str, ...]
    too_long: bool = False

    @classmethod
    def parse(cls, text: str, language: str) -> "Query":
        # What is echoed back must not reorder the page around it (bidi
        # controls) or carry bytes a database refuses (NUL and other controls).
        text = clean_line(CONTROLS.sub("", text or ""))
        too_long = len(text) > MAX_QUERY_LENGTH
        text = text[:MAX_QUERY_LENGTH]
        terms = arabic_terms(text) if language == "ar" else english_terms(text)
        terms = tuple(dict.fromkeys(term for term in terms if term))[:MAX_TERMS]
        return cls(text=text, language=language, terms=terms, too_long=too_long)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def tsquery(self):
        """The PostgreSQL query: every term must match (built without a parser)."""
        if self.language == "ar":
            literal = " & ".join(f"'{_quote(term)}'" for term in self.terms)
            return Cast(Value(literal), output_field=SearchQueryField())
        return SearchQuery(" ".join(self.terms), config="english", search_type="plain")

    def matches_word(self, word: str) -> bool:
        """Whether a word as printed in a story is one the reader looked for."""
        if self.language == "ar":
            return fold(word) in self.terms
        lower = normalize(word)
        return any(lower.startswith(_english_root(term)) for term in self.terms)


def _english_root(term: str) -> str:
    """A crude English root, for highlighting only (the search itself uses PostgreSQL's stemmer)."""
    for ending in ("ing", "ed", "es", "s"):
        if term.endswith(ending) and len(term) - len(ending) >= 3:
            return term[: -len(ending)]
    return term


def highlight(text: str, query: Query) -> SafeString:
    """``text`` escaped, with the words the reader searched for in ``<mark>``."""
    out = []
    last = 0
    for match in WORD.finditer(text or ""):
        out.append(escape(text[last : match.start()]))
        word = match.group()
        out.append(f"<mark>{escape(word)}</mark>" if query.matches_word(word) else escape(word))
        last = match.end()
    out.append(escape((text or "")[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def excerpt(text: str, query: Query, *, size: int = 30) -> SafeString:
    """About ``size`` words of ``text`` around the first match, highlighted.

    Reads the text only as far as the excerpt needs: a story's body is a
    thousand words, and twenty of them are shown on each page of results.
    """
    text = text or ""
    lead = size // 3
    before: deque = deque(maxlen=lead)  # the words just before the first match
    head: list = []  # the opening words, in case nothing matches
    taken: list = []
    skipped = False
    more = False
    for found in WORD.finditer(text):
        if taken:
            if len(taken) == size:
                more = True
                break
            taken.append(found)
        elif query.matches_word(found.group()):
            taken = [*before, found]
        else:
            if len(before) == lead:
                skipped = True
            before.append(found)
            if len(head) <= size:
                head.append(found)
    if not taken:
        taken, skipped, more = head[:size], False, len(head) > size
    if not taken:
        return highlight(text, query)
    if not skipped and not more:
        return highlight(text, query)
    piece = text[taken[0].start() : taken[-1].end()]
    prefix = "… " if skipped else ""
    suffix = " …" if more else ""
    return mark_safe(prefix + highlight(piece, query) + suffix)  # noqa: S308 - highlight escapes


# How many matches a search lists at most (fifty pages); on PostgreSQL, the
# newest this many are the ones it ranks.
SEARCH_CANDIDATES = 1000


def article_search(query: Query) -> QuerySet[Article]:
    """Live stories matching ``query`` in its language, best first.

    On PostgreSQL: the stored vectors, ranked by ``ts_rank`` (headline
    matches weigh most). A word found in most of the archive (“العراق”)
    would mean ranking every story; ranking is over the newest
    ``SEARCH_CANDIDATES`` matches instead, which keeps a search as quick
    at a million stories as at a thousand and suits news, where the newest
    matches are the ones wanted. Elsewhere: every stem must appear in the
    stored normalised text, newest first.
    """
    # Results print a highlighted piece of the body, so it is loaded here
    # with the page of results (and the search columns are not).
    stories = article_live().in_language(query.language).select_related(None).select_related("section")
    if not query:
        return stories.none()
    column = "search_ar" if query.language == "ar" else "search_en"
    if connection.vendor == "postgresql":
        tsquery = query.tsquery()
        matches = Func(F(column), tsquery, arg_joiner=" @@ ", template="(%(expressions)s)", output_field=BooleanField())
        newest_matches = (
            Article.objects.live()
            .in_language(query.language)
            .alias(matches=matches)
            .filter(matches=True)
            .order_by("-first_published_at", "-id")
            .values("pk")[:SEARCH_CANDIDATES]
        )
        return (
            stories.filter(pk__in=newest_matches)
            .annotate(rank=SearchRank(F(column), tsquery))
            .order_by("-rank", "-first_published_at", "-id")
        )
    text = "search_text_ar" if query.language == "ar" else "search_text_en"
    condition = Q()
    for term in query.terms:
        needle = f" {term} " if query.language == "ar" else f" {term}"
        condition &= Q(**{f"{text}__contains": needle})
    return stories.filter(condition)


def article_search_ids(query: Query) -> list[int]:
    """The ids of ``article_search(query)``, best first: what a page of results is cut from.

    One query that ranks and counts at once; the page's own stories are then
    read by id (``article_search_page``). Counting the matches and reading a
    page of them as two ranked queries cost twice as much.
    """
    return list(article_search(query).values_list("pk", flat=True)[:SEARCH_CANDIDATES])


def article_search_page(ids: list[int], language: str) -> list[Article]:
    """The stories with ``ids``, in that order, with what a result prints (its body included)."""
    stories = (
        Article.objects.live()
        .in_language(language)
        .select_related("section")
        .only(
            "pk",
            "slug",
            "has_english",
            "first_published_at",
            "section",
            *(f"{name}_{language}" for name in ("headline", "standfirst", "body")),
        )
    )
    return in_order_of(stories, ids)
