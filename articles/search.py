"""Search: the words of live stories, normalised once when they go live.

Arabic is written with optional diacritics, several forms of alef and hamza,
ta marbuta or ha, and with clitics glued to the front of a word (و، ف، ب، ل،
ك، ال، لل، وال، بال ...). A reader typing ``والتحالف`` or ``الإنسحاب`` expects
the stories that say ``التحالف`` and ``للانسحاب``. So every Arabic word is
reduced to a light stem (normalised letters, common prefixes and suffixes
off) both when a story is indexed and when a query is read; the two meet on
the stem.

The stems are stored on the story by ``index_article``, which publishing
calls (``services.moves._make_live``); searching never re-reads story text.
On PostgreSQL they also go into a weighted ``tsvector`` column with a GIN
index, built from the stems directly (no text-search parser or locale is
involved, so what the index holds is exactly what this module computed);
English uses PostgreSQL's ``english`` configuration. On SQLite, searching
falls back to matching whole stems in the normalised text.
"""

import re
from collections import deque
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .richtext import clean_line, plain_text

# Harakat, Quranic marks, superscript alef: meaning-neutral for search.
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",
        TATWEEL: None,
    }
)
# A word, with any diacritics and tatweel inside it kept attached.
WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")

# The definite article with the particles that attach before it, longest
# first; what follows must keep at least two letters.
ARTICLES = ("وبال", "وكال", "وفال", "ولل", "وال", "فال", "بال", "كال", "لل", "ال")
# Conjunctions that attach to any word (the stem keeps three letters) and
# prepositions (the stem keeps four, since many roots start with these
# letters too).
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
# Plural, dual, nisba and pronoun endings (after ة→ه), longest first.
SUFFIXES = ("يين", "يون", "يات", "ات", "ان", "ين", "ون", "يه", "ها", "هم", "ا", "ي", "ه")

MAX_QUERY_LENGTH = 200
MAX_WORD_LENGTH = 100
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TERMS = 8
TSVECTOR_MAX_POSITION = 16383
# ts_rank weights for D, C, B, A: headline, then standfirst, then body.
WEIGHTS = {"headline": "A", "standfirst": "B", "dateline": "C", "tags": "B", "body": "D"}


def normalize(text: str) -> str:
    """Fold the spellings of one Arabic word together (and lower-case Latin)."""
    return DIACRITICS.sub("", text).translate(LETTERS).lower()


def stem(word: str) -> str:
    """The light stem of one normalised word: clitics and common endings off.

    Not a linguistic analysis: a deterministic reduction applied alike to
    stories and queries, so that the forms a reader types meet the forms a
    story uses.
    """
    if not ARABIC_LETTER.search(word):
        return word
    for _round in range(2):
        article = next((a for a in ARTICLES if word.startswith(a) and len(word) - len(a) >= 2), None)
        if article:
            word = word[len(article) :]
            break
        if word[:1] in CONJUNCTIONS and len(word) >= 4 or word[:1] in PREPOSITIONS and len(word) >= 5:
            word = word[1:]
        else:
            break
    for _round in range(2):
        suffix = next((s for s in SUFFIXES if word.endswith(s) and len(word) - len(s) >= 3), None)
        if not suffix:
            break
        word = word[: -len(suffix)]
    return word


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The term ``word`` is indexed and searched under ("" for none), remembered.

    A news archive uses the same words over and over. A "word" longer than
    ``MAX_WORD_LENGTH`` is no word a reader searches for (a pasted token, a
    line of one letter) and PostgreSQL refuses tsvector entries over 2047
    bytes, so it has no term.
    """
    normalised = normalize(word).replace("_", "")
    if not normalised or len(normalised) > MAX_WORD_LENGTH:
        return ""
    return stem(normalised)


def words(text: str) -> list[str]:
    """The words of ``text`` as written (diacritics still attached)."""
    return WORD.findall(text or "")


def arabic_terms(text: str) -> list[str]:
    """The stems of ``text``, in order, for indexing or querying (see ``fold``)."""
    return [term for term in map(fold, words(text)) if term]


def english_terms(text: str) -> list[str]:
    """The lower-cased Latin words of ``text`` (the SQLite fallback's terms)."""
    return [
        normalize(word)
        for word in words(text)
        if not ARABIC_LETTER.search(word) and word.strip("_") and len(word) <= MAX_WORD_LENGTH
    ]


# --- indexing -----------------------------------------------------------------


def _fields(article, language: str) -> list[tuple[str, str]]:
    """The (weight name, plain text) pairs of ``article`` in ``language``."""
    tag_names = " ".join(getattr(tag, f"name_{language}") or "" for tag in article.tags.all())
    return [
        ("headline", getattr(article, f"headline_{language}") or ""),
        ("standfirst", getattr(article, f"standfirst_{language}") or ""),
        ("dateline", getattr(article, f"dateline_{language}") or ""),
        ("tags", tag_names),
        ("body", plain_text(getattr(article, f"body_{language}") or "")),
    ]


def _spaced(terms) -> str:
    """Terms between spaces, each once, so ``contains(' term ')`` matches whole terms."""
    unique = dict.fromkeys(term for term in terms if term)
    return f" {' '.join(unique)} " if unique else ""


def arabic_tsvector(fields: list[tuple[str, list[str]]]) -> str:
    """A ``tsvector`` literal of the Arabic stems (per field) with positions and weights."""
    positions: dict[str, list[str]] = {}
    position = 0
    for name, terms in fields:
        for term in terms:
            position = min(position + 1, TSVECTOR_MAX_POSITION)
            positions.setdefault(term, []).append(f"{position}{WEIGHTS[name]}")
    return " ".join(f"'{_quote(term)}':{','.join(places[:256])}" for term, places in positions.items())


def _quote(term: str) -> str:
    return term.replace("\\", "\\\\").replace("'", "''")


def index_article(article) -> None:
    """Store the searchable form of ``article``'s live copy. Called when it goes live.

    One UPDATE: the normalised text (used by the SQLite fallback and for
    debugging) and, on PostgreSQL, the two weighted vectors.
    """
    arabic = [(name, arabic_terms(text)) for name, text in _fields(article, "ar")]
    english = _fields(article, "en") if article.has_english else []
    values = {
        "search_text_ar": _spaced(term for _name, terms in arabic for term in terms),
        "search_text_en": _spaced(term for _name, text in english for term in english_terms(text)),
    }
    if connection.vendor == "postgresql":
        values["search_ar"] = Cast(Value(arabic_tsvector(arabic)), output_field=SearchVectorField())
        if english:
            vector = None
            for name, text in english:
                part = SearchVector(Value(text), config="english", weight=WEIGHTS[name])
                vector = part if vector is None else vector + part
            values["search_en"] = vector
        else:
            values["search_en"] = None
    # The model's own manager, so that migrations can index with their
    # historical model too.
    type(article)._default_manager.filter(pk=article.pk).update(**values)


# --- querying -----------------------------------------------------------------


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
