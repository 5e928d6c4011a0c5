"""The archive as JSON: every story with its whole history.

Written for archives of any size: stories are read in chunks, each chunk's
revisions, moves and corrections in a fixed number of queries, and written
out as they are read, so memory stays flat however large the newsroom is.
"""

import json
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from django.db.models import Model, Prefetch

from .models import STORY_CONTENT, Article, Correction, Image, Revision, RevisionAuthor, Transition
from .models.content import content_of

CHUNK = 200
UNORDERED = {field.name for field in STORY_CONTENT if field.relation and not field.ordered}


def _exported(value: Any) -> Any:
    """A content value as plain JSON: a picture by its file, anything else with an address by its slug."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Image):
        return value.file.name
    if isinstance(value, Model):
        return value.slug
    if isinstance(value, list):
        return [_exported(item) for item in value]
    return value


def _content(revision: Revision) -> dict:
    """Every content field of ``revision`` (``STORY_CONTENT``), unordered relations sorted."""
    values = {name: _exported(value) for name, value in content_of(revision).items()}
    return {name: sorted(value) if name in UNORDERED else value for name, value in values.items()}


def _revision(revision: Revision) -> dict:
    return {
        "number": revision.number,
        "saved_by": revision.created_by.get_username(),
        "saved_at": revision.created_at.isoformat(),
        "note": revision.note,
        "based_on": revision.based_on.number if revision.based_on else None,
        "conflict_with": revision.conflict_with.number if revision.conflict_with else None,
        "restored_from": revision.restored_from.number if revision.restored_from else None,
        "english_stale": revision.english_stale,
        **_content(revision),
    }


def _story(article: Article) -> dict:
    numbers = {"live": article.live_revision, "current": article.latest_revision}
    return {
        "id": article.pk,
        "external_id": article.external_id,
        "status": article.status,
        "created_at": article.created_at.isoformat(),
        "created_by": article.created_by.get_username(),
        "first_published_at": article.first_published_at.isoformat() if article.first_published_at else None,
        "last_updated_at": article.last_updated_at.isoformat() if article.last_updated_at else None,
        **{f"{name}_revision": revision.number if revision else None for name, revision in numbers.items()},
        "revisions": [_revision(revision) for revision in article.revisions.all()],
        "moves": [
            {
                "action": move.action,
                "from": move.from_state,
                "to": move.to_state,
                "by": move.actor.get_username() if move.actor else None,
                "at": move.created_at.isoformat(),
                "revision": move.revision.number if move.revision else None,
                "comment": move.comment,
            }
            for move in article.transitions.all()
        ],
        "corrections": [
            {
                "kind": correction.kind,
                "date": correction.published_at.isoformat(),
                "text_ar": correction.text_ar,
                "text_en": correction.text_en,
            }
            for correction in article.corrections.all()
        ],
    }


def stories() -> Iterator[dict]:
    """Every story, oldest first, as plain data."""
    revisions = (
        Revision.objects.select_related(
            "created_by", "section", "lead_image", "based_on", "conflict_with", "restored_from"
        )
        .prefetch_related(
            Prefetch("bylines", queryset=RevisionAuthor.objects.select_related("author").order_by("position")), "tags"
        )
        .order_by("number")
    )
    queryset = (
        Article.objects.select_related("created_by", "live_revision", "latest_revision")
        .prefetch_related(
            Prefetch("revisions", queryset=revisions),
            Prefetch(
                "transitions",
                queryset=Transition.objects.select_related("actor", "revision").order_by("created_at", "id"),
            ),
            Prefetch("corrections", queryset=Correction.objects.order_by("published_at", "id")),
        )
        .order_by("pk")
    )
    for article in queryset.iterator(chunk_size=CHUNK):
        yield _story(article)


def write_json(out: IO[str], *, lines: bool = False) -> int:
    """Write every story to ``out`` as one JSON array (or JSON Lines); returns the count."""
    count = 0
    if not lines:
        out.write("[\n")
    for story in stories():
        if count and not lines:
            out.write(",\n")
        out.write(json.dumps(story, ensure_ascii=False))
        if lines:
            out.write("\n")
        count += 1
    if not lines:
        out.write("\n]\n")
    return count
