"""The search index: the stems of a story's live copy, stored on its row.

``index_article`` is called when a story goes live (``services.moves``);
searching never re-reads story text. On PostgreSQL the stems also go into a
weighted ``tsvector`` column with a GIN index, built from the stems directly
(no text-search parser or locale is involved, so what the index holds is
exactly what ``normalise`` computed); English uses PostgreSQL's ``english``
configuration. On SQLite, searching falls back to matching whole stems in the
normalised text.
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Cast

from ..models.content import STORY_CONTENT
from ..richtext import plain_text
from .normalise import arabic_terms, english_terms

TSVECTOR_MAX_POSITION = 16383
# ts_rank weights, A counting most, of the fields search reads: declared
# with the story's content (``ContentField.search_weight``).
WEIGHTS = {spec.name: spec.search_weight for spec in STORY_CONTENT if spec.search_weight}
# The rich text (the body) is indexed last: it is the one field long enough
# to reach the tsvector's last position, and every other field keeps its own.
SEARCHED = sorted((spec for spec in STORY_CONTENT if spec.search_weight), key=lambda spec: spec.rich)


def _fields(article, language: str) -> list[tuple[str, str]]:
    """The (field name, plain text) pairs of ``article`` in ``language`` that search reads, in index order.

    A relation (the tags) is read as its names in ``language``.
    """
    pairs = []
    for spec in SEARCHED:
        if spec.relation:
            text = " ".join(getattr(obj, f"name_{language}") or "" for obj in getattr(article, spec.name).all())
        else:
            text = getattr(article, f"{spec.name}_{language}") or ""
        pairs.append((spec.name, plain_text(text) if spec.rich else text))
    return pairs


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
