"""Reading what a reader typed, finding the live stories that match, and marking the matches.

The ORM half of search: ``article_search`` on the vectors ``index`` stored
(PostgreSQL) or on the normalised text (SQLite), ``article_search_ids`` and
``article_search_page`` for a page of results; ``highlight`` and ``excerpt``
mark the reader's words in what a result prints.
"""

import html
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import islice

from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.safestring import SafeString, mark_safe

from ..models import Article
from ..richtext import clean_line, plain_text
from ..selectors.public import article_live, in_order_of
from .index import _quote
from .normalise import WORD, analyse, english_terms, normalize, word_terms

MAX_QUERY_LENGTH = 200
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TERMS = 8


# Quotes a reader may put around a phrase.
QUOTES = {'"': '"', "“": "”", "«": "»", "„": "“"}


@dataclass(frozen=True)
class Query:
    """What a reader typed, read once: the terms to look for, or why there are none.

    ``terms`` has one entry per word looked for: the terms of that word
    (two when it has two readings, see ``normalise.analyse``), any of which
    matches. ``gaps`` says how far each word is from the one before (function
    words are not looked for but keep their places), which a phrase needs.
    """

    text: str
    language: str
    terms: tuple[tuple[str, ...], ...]
    gaps: tuple[int, ...] = ()
    phrase: bool = False
    too_long: bool = False
    # What ``matches_word`` and ``matches_piece`` answered for each word and
    # piece seen: a page of results asks about the same words many times.
    _seen: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)
    _pieces: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    @classmethod
    def parse(cls, text: str, language: str) -> "Query":
        # What is echoed back must not reorder the page around it (bidi
        # controls) or carry bytes a database refuses (NUL and other controls).
        text = clean_line(CONTROLS.sub("", text or ""))
        too_long = len(text) > MAX_QUERY_LENGTH
        text = text[:MAX_QUERY_LENGTH]
        inner = text.strip()
        phrase = len(inner) > 2 and QUOTES.get(inner[0]) == inner[-1]
        if phrase:
            inner = inner[1:-1]
        groups = word_terms(inner) if language == "ar" else [(term,) for term in english_terms(inner)]
        terms, gaps, distance = [], [], 0
        for group in groups:
            distance += 1
            if group and (phrase or group not in terms):
                terms.append(group)
                gaps.append(distance)
                distance = 0
        terms, gaps = terms[:MAX_TERMS], gaps[:MAX_TERMS]
        phrase = phrase and len(terms) > 1
        return cls(text=text, language=language, terms=tuple(terms), gaps=tuple(gaps), phrase=phrase, too_long=too_long)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @cached_property
    def all_terms(self) -> frozenset[str]:
        return frozenset(term for group in self.terms for term in group)

    @cached_property
    def _english_roots(self) -> tuple[str, ...]:
        return tuple(_english_root(term) for term in self.all_terms)

    def tsquery(self):
        """The PostgreSQL query: every word must match, in order and in place for a phrase (built without a parser)."""
        if self.language == "ar":
            words = [
                " | ".join(f"'{_quote(term)}'" for term in group).join("()")
                if len(group) > 1
                else f"'{_quote(group[0])}'"
                for group in self.terms
            ]
            literal = words[0]
            for word, gap in zip(words[1:], self.gaps[1:], strict=True):
                literal += f" <{gap}> {word}" if self.phrase else f" & {word}"
            return Cast(Value(literal), output_field=SearchQueryField())
        text = " ".join(term for (term,) in self.terms)
        return SearchQuery(text, config="english", search_type="phrase" if self.phrase else "plain")

    def matches_piece(self, piece: str) -> bool:
        """Whether a space-separated piece of a story holds a word the reader looked for (remembered per query)."""
        seen = self._pieces.get(piece)
        if seen is None:
            if self.language == "ar":
                seen = not self.all_terms.isdisjoint(_piece_terms(piece))
            else:
                seen = any(self.matches_word(word) for word in WORD.findall(piece))
            self._pieces[piece] = seen
        return seen

    def matches_word(self, word: str) -> bool:
        """Whether a word as printed in a story is one the reader looked for (remembered per query)."""
        seen = self._seen.get(word)
        if seen is None:
            if self.language == "ar":
                seen = not self.all_terms.isdisjoint(analyse(word))
            else:
                seen = normalize(word).startswith(self._english_roots)
            self._seen[word] = seen
        return seen


# Pieces of news text remembered per process: a few hundred bytes each, so
# at most about 16 MB a worker.
@lru_cache(maxsize=50_000)
def _piece_terms(piece: str) -> tuple[str, ...]:
    """Every Arabic term of the words in a space-separated piece of text, remembered per process."""
    return tuple(dict.fromkeys(term for word in WORD.findall(piece) for term in analyse(word)))


def _english_root(term: str) -> str:
    """A crude English root, for highlighting only (the search itself uses PostgreSQL's stemmer)."""
    for ending in ("ing", "ed", "es", "s"):
        if term.endswith(ending) and len(term) - len(ending) >= 3:
            return term[: -len(ending)]
    return term


def highlight(text: str, query: Query) -> SafeString:
    """``text`` escaped, with the words the reader searched for in ``<mark>``.

    The text between marked words is escaped a run at a time (``html.escape``
    is what Django's ``escape`` calls, without its lazy-string wrapper).
    """
    text = text or ""
    out = []
    last = 0
    for match in WORD.finditer(text):
        word = match.group()
        if query.matches_word(word):
            out.append(html.escape(text[last : match.start()]))
            out.append(f"<mark>{html.escape(word)}</mark>")
            last = match.end()
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def excerpt(text: str, query: Query, *, size: int = 30) -> SafeString:
    """About ``size`` words of ``text`` around the first match, highlighted.

    Reads the text only as far as the first match (``first_match``), then
    only the words the excerpt shows: a story's body is a thousand words,
    and twenty of them are shown on each page of results.
    """
    text = text or ""
    lead = size // 3
    found = first_match(text, query)
    if found is None:
        head = list(islice(WORD.finditer(text), size + 1))
        taken, skipped, more = head[:size], False, len(head) > size
    else:
        before, skipped = _words_before(text, found.start(), lead)
        room = size - len(before)
        after = list(islice(WORD.finditer(text, found.start()), room + 1))
        taken, more = [*before, *after[:room]], len(after) > room
    if not taken or (not skipped and not more):
        return highlight(text, query)
    piece = text[taken[0].start() : taken[-1].end()]
    prefix = "… " if skipped else ""
    suffix = " …" if more else ""
    return mark_safe(prefix + highlight(piece, query) + suffix)  # noqa: S308 - highlight escapes


# How many space-separated pieces ``first_match`` splits off at a time.
RUN = 64


def first_match(text: str, query: Query) -> re.Match | None:
    """The first word of ``text`` the reader looked for (a ``WORD`` match), or None.

    The text is split at spaces a run at a time (in C), and a query
    remembers its answer for each piece (``Query.matches_piece``), so a
    thousand-word body whose match is near its end costs a few dictionary
    lookups per word instead of a regular expression and an analysis.
    """
    rest = text
    while rest:
        offset = len(text) - len(rest)
        pieces = rest.split(None, RUN)
        rest = pieces.pop() if len(pieces) > RUN else ""
        for piece in pieces:
            if query.matches_piece(piece):
                # Its first place as a whole piece: an equal piece earlier
                # would have matched first.
                at = text.find(piece, offset)
                while (at > 0 and not text[at - 1].isspace()) or (
                    at + len(piece) < len(text) and not text[at + len(piece)].isspace()
                ):
                    at = text.find(piece, at + 1)
                for found in WORD.finditer(text, at, at + len(piece)):
                    if query.matches_word(found.group()):
                        return found
    return None


def _words_before(text: str, end: int, count: int) -> tuple[list[re.Match], bool]:
    """The last ``count`` words of ``text`` before ``end``, and whether any word comes before them."""
    span = 16 * (count + 2)
    while True:
        start = max(0, end - span)
        found = list(WORD.finditer(text, start, end))
        # Unless the window reaches the start, its first word may be cut:
        # it only tells that a word comes before the last ``count``.
        if start == 0 or len(found) > count + 1:
            last = found[max(0, len(found) - count) :] if count else []
            return last, len(found) > count
        span *= 4


# How many matches a search lists at most (ten pages); on PostgreSQL, the
# newest this many are the ones it ranks. Each costs reading and ranking its
# vector: 1,000 (fifty pages) cost 40-60 ms a search, whatever the archive.
SEARCH_CANDIDATES = 200


# ts_rank_cd's normalisation: 1 divides by 1 + log(length), so that a short
# story about the words outranks a long one that mentions them in passing;
# cover density itself rewards the words standing close together.
RANK_NORMALISATION = 1


def article_search(query: Query) -> QuerySet[Article]:
    """Live stories matching ``query`` in its language, best first.

    On PostgreSQL: the stored vectors, ranked by ``ts_rank_cd`` (cover
    density: how close together the words stand, headline matches weighing
    most, then standfirst), normalised by the story's length; newer stories
    win ties. A word found in most of the archive (“العراق”) would mean
    ranking every story; ranking is over the newest ``SEARCH_CANDIDATES``
    matches instead, which keeps a search as quick at a million stories as
    at a thousand and suits news, where the newest matches are the ones
    wanted. Elsewhere: every word must appear in the stored normalised text
    (a phrase is then checked in the story's text), newest first.
    """
    # Results print a highlighted piece of the body, so it is loaded here
    # with the page of results (and the search columns are not).
    stories = article_live().in_language(query.language).select_related(None).select_related("section")
    if not query:
        return stories.none()
    if connection.vendor == "postgresql":
        newest_matches = _newest_matches(query).values("pk")[:SEARCH_CANDIDATES]
        return (
            stories.filter(pk__in=newest_matches)
            .annotate(rank=_rank(query))
            .order_by("-rank", "-first_published_at", "-id")
        )
    text = "search_text_ar" if query.language == "ar" else "search_text_en"
    condition = Q()
    for group in query.terms:
        either = Q()
        for term in group:
            needle = f" {term} " if query.language == "ar" else f" {term}"
            either |= Q(**{f"{text}__contains": needle})
        condition &= either
    matching = stories.filter(condition)
    if query.phrase:
        fields = [f"{name}_{query.language}" for name in ("headline", "standfirst", "body")]
        with_phrase = [
            story.pk
            for story in matching.select_related(None).only("pk", *fields)[:SEARCH_CANDIDATES]
            if any(_has_phrase(query, getattr(story, name) or "") for name in fields)
        ]
        matching = stories.filter(pk__in=with_phrase)
    return matching


def _column(query: Query) -> str:
    return "search_ar" if query.language == "ar" else "search_en"


def _newest_matches(query: Query) -> QuerySet[Article]:
    """Live stories matching ``query`` in its language, newest first (PostgreSQL)."""
    matches = Func(
        F(_column(query)), query.tsquery(), arg_joiner=" @@ ", template="(%(expressions)s)", output_field=BooleanField()
    )
    return (
        Article.objects.live()
        .in_language(query.language)
        .alias(matches=matches)
        .filter(matches=True)
        .order_by("-first_published_at", "-id")
    )


def _rank(query: Query) -> SearchRank:
    return SearchRank(F(_column(query)), query.tsquery(), cover_density=True, normalization=Value(RANK_NORMALISATION))


def _has_phrase(query: Query, text: str) -> bool:
    """Whether ``text`` holds the words of ``query`` in order and in place (the SQLite fallback's phrase)."""
    text = plain_text(text)
    if query.language == "ar":
        groups = [set(terms) for terms in word_terms(text)]
        wanted = [set(group) for group in query.terms]
    else:
        groups = [{term} for term in english_terms(text)]
        wanted = [{_english_root(term)} for (term,) in query.terms]
    offsets = [sum(query.gaps[1 : index + 1]) for index in range(len(wanted))]
    for start in range(len(groups)):
        if all(
            start + offset < len(groups) and _matches(groups[start + offset], want, query.language)
            for want, offset in zip(wanted, offsets, strict=True)
        ):
            return True
    return False


def _matches(found: set[str], wanted: set[str], language: str) -> bool:
    if language == "ar":
        return not found.isdisjoint(wanted)
    return any(term.startswith(root) for term in found for root in wanted)


def article_search_ids(query: Query) -> list[int]:
    """The ids of ``article_search(query)``, best first: what a page of results is cut from.

    One query that ranks and counts at once; the page's own stories are then
    read by id (``article_search_page``). Counting the matches and reading a
    page of them as two ranked queries cost twice as much. On PostgreSQL the
    newest matches are ranked in the same pass that finds them (each
    story's vector read once, not again by a second query over their ids),
    and the few hundred are put in order here.
    """
    if connection.vendor != "postgresql" or not query:
        return list(article_search(query).values_list("pk", flat=True)[:SEARCH_CANDIDATES])
    found = _newest_matches(query).annotate(rank=_rank(query)).values_list("pk", "rank")[:SEARCH_CANDIDATES]
    # ``found`` is newest first: a stable sort on the rank keeps newer stories first among equals.
    return [pk for pk, _rank_value in sorted(found, key=lambda row: -row[1])]


def article_search_page(ids: list[int], language: str) -> list[Article]:
    """The stories with ``ids``, in that order, with what a result prints and nothing more.

    The body comes as the plain text stored with the index
    (``search_body_<language>``), not as HTML.
    """
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
            f"headline_{language}",
            f"standfirst_{language}",
            f"search_body_{language}",
        )
    )
    return in_order_of(stories, ids)
