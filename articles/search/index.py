"""The search index: the stems of a story's live copy, stored on its row.

``index_article`` is called when a story goes live (``services.moves``);
searching never re-reads story text. On PostgreSQL the stems also go into a
weighted ``tsvector`` column with a GIN index, built from the stems directly
(no text-search parser or locale is involved, so what the index holds is
exactly what ``normalise`` computed). Each word keeps its place, function
words included, and a word with two readings has both terms at that place,
so that proximity ranking and phrases see the story's own word order.
English uses PostgreSQL's ``english`` configuration, on the text with its
digits folded. On SQLite, searching falls back to matching whole stems in
the normalised text.

Changing the rules of ``normalise`` changes what a story is indexed under:
the stored index is then rebuilt by ``reindex_live`` (the ``search_reindex``
command, and a data migration for each such change).
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Cast

from ..models.content import STORY_CONTENT
from ..richtext import plain_text
from .normalise import english_terms, fold_digits, word_terms

TSVECTOR_MAX_POSITION = 16383
# Places left empty between fields, more than any phrase a query can hold.
FIELD_GAP = 20
# ts_rank weights, A counting most, of the fields search reads: declared
# with the story's content (``ContentField.search_weight``).
WEIGHTS = {spec.name: spec.search_weight for spec in STORY_CONTENT if spec.search_weight}
# The rich text (the body) is indexed last: it is the one field long enough
# to reach the tsvector's last position, and every other field keeps its own.
SEARCHED = sorted((spec for spec in STORY_CONTENT if spec.search_weight), key=lambda spec: spec.rich)
# The rich text field (the body), whose plain text results' excerpts are cut from.
(RICH,) = (spec.name for spec in SEARCHED if spec.rich)


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


def arabic_tsvector(fields: list[tuple[str, list[tuple[str, ...]]]]) -> str:
    """A ``tsvector`` literal of the Arabic terms (per field and word) with positions and weights.

    Every word takes a place, even one without terms, and fields follow one
    another with a gap, so that a phrase never runs from a headline into a
    standfirst.
    """
    positions: dict[str, list[str]] = {}
    position = 0
    for name, groups in fields:
        for terms in groups:
            position = min(position + 1, TSVECTOR_MAX_POSITION)
            for term in terms:
                positions.setdefault(term, []).append(f"{position}{WEIGHTS[name]}")
        position = min(position + FIELD_GAP, TSVECTOR_MAX_POSITION)
    return " ".join(f"'{_quote(term)}':{','.join(places[:256])}" for term, places in positions.items())


def _quote(term: str) -> str:
    return term.replace("\\", "\\\\").replace("'", "''")


def plain_bodies(article) -> dict[str, str]:
    """The ``search_body_<language>`` columns of ``article``: its live body in each edition as plain text.

    What a result's excerpt is cut from (``query.excerpt``), so that a page
    of results reads no HTML; an edition the story does not have is empty.
    """
    return {
        "search_body_ar": plain_text(getattr(article, f"{RICH}_ar") or ""),
        "search_body_en": plain_text(getattr(article, f"{RICH}_en") or "") if article.has_english else "",
    }


def index_article(article) -> None:
    """Store the searchable form of ``article``'s live copy. Called when it goes live.

    One UPDATE: the normalised text (used by the SQLite fallback and for
    debugging), the body as plain text for the results' excerpts and, on
    PostgreSQL, the two weighted vectors.
    """
    arabic_fields = _fields(article, "ar")
    english = _fields(article, "en") if article.has_english else []
    arabic = [(name, word_terms(text)) for name, text in arabic_fields]
    values = {
        "search_text_ar": _spaced(term for _name, groups in arabic for terms in groups for term in terms),
        "search_text_en": _spaced(term for _name, text in english for term in english_terms(text)),
    }
    # A migration older than 0013 indexes with its historical model, which
    # has no plain-text columns yet (0013 fills them).
    if any(field.name == "search_body_ar" for field in article._meta.concrete_fields):
        values["search_body_ar"] = dict(arabic_fields)[RICH]
        values["search_body_en"] = dict(english).get(RICH, "")
    if connection.vendor == "postgresql":
        values["search_ar"] = Cast(Value(arabic_tsvector(arabic)), output_field=SearchVectorField())
        if english:
            vector = None
            for name, text in english:
                part = SearchVector(Value(fold_digits(text)), config="english", weight=WEIGHTS[name])
                vector = part if vector is None else vector + part
            values["search_en"] = vector
        else:
            values["search_en"] = None
    # The model's own manager, so that migrations can index with their
    # historical model too.
    type(article)._default_manager.filter(pk=article.pk).update(**values)


def reindex_live(article_model=None) -> int:
    """Rebuild the stored index of every live story; returns how many. After a change to ``normalise``.

    ``article_model`` is the historical model when a migration calls this
    (the rules of a release index the rows of that release).
    """
    if article_model is None:
        from ..models import Article as article_model
    stories = (
        article_model._default_manager.filter(live_revision__isnull=False)
        .prefetch_related("tags")
        .order_by("pk")
        .iterator(chunk_size=500)
    )
    count = 0
    for article in stories:
        index_article(article)
        count += 1
    return count
