"""The Arabic rules of search, pure: folding spellings together, clitics and endings off.

Arabic is written with optional diacritics, several forms of alef and hamza,
ta marbuta or ha, and with clitics glued to the front of a word (و، ف، ب، ل،
ك، ال، لل، وال، بال ...). A reader typing ``والتحالف`` or ``الإنسحاب`` expects
the stories that say ``التحالف`` and ``للانسحاب``. So every Arabic word is
reduced to a light stem (normalised letters, common prefixes and suffixes
off) both when a story is indexed (``index``) and when a query is read
(``query``); the two meet on the stem. Nothing here touches the database.
"""

import re
from functools import lru_cache

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

MAX_WORD_LENGTH = 100


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
