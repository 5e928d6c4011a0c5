"""Every live copy of a story, refreshed in one place.

A live story exists in several copies beside its own rows: what its page
shows beside its text (``Article.live_extras``, shaped by
``models.extras.LiveExtras``), its search index (``search.index_article``),
its page's drawn parts (``rendered.story_rendered_refresh``) and the cached
pages and CDN copies, which hear ``signals.live_changed``.
``live_copy_refresh`` brings all of them in line with the story's rows, and
every trigger calls it: a revision going live, a correction, unpublishing,
and an edit of a section, author, tag or picture the story shows
(``live_stories_refresh``, through the table ``SHOWN_ON``).

Each refresh runs inside a transaction with the story's row locked, the
lock every workflow move takes: a refresh that starts while a publication
is being written waits for it and then reads what it committed, so neither
overwrites the other.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Prefetch

from .. import rendered, search
from ..models import Article, ArticleAuthor, ArticleTag, Author, Correction, Image, Section, Tag
from ..models.extras import LiveExtras
from ._common import announce_live_change, announce_story_event, lock

# Which live stories show a section, author, tag or picture: the story
# field that points at it. An edit of one of these refreshes those stories.
SHOWN_ON = {
    Section: "section",
    Author: "authors",
    Tag: "tags",
    Image: "lead_image",
}


def live_stories_showing(model, pk) -> list[int]:
    """The live stories that show the section, author, tag or picture ``pk`` (``SHOWN_ON``)."""
    if model not in SHOWN_ON:
        return []
    return list(Article.objects.live().filter(**{SHOWN_ON[model]: pk}).values_list("pk", flat=True))


def live_copy_refresh(article: Article, *, event: str | None = None, approved: bool = False) -> None:
    """Bring every copy of ``article``'s live state in line with its rows.

    Call it inside ``transaction.atomic()`` with the row locked
    (``_common.lock``), after writing what changed. A live story gets its
    extras, search index and drawn page parts rewritten (a withdrawn one
    loses its drawn parts); any story, live or just withdrawn,
    is announced (``live_changed``) once the transaction commits. A move
    readers can see names its ``event`` (``signals.STORY_EVENTS``), sent at
    once, inside the transaction, after the copies are written.

    ``approved`` says a moderator's approval is going live: only then does
    the picture's text (alt text, caption, credit) as it now stands reach
    the live copy. Every other refresh keeps the text that was approved
    (see ``live_extras_write``).
    """
    if article.is_live:
        live_extras_write(article, approved=approved)
        search.index_article(article)
    rendered.story_rendered_refresh(article)  # drawn again from the live copy just written, or deleted
    if event is not None:
        announce_story_event(article, event)
    announce_live_change(article)


def live_stories_refresh(*, article_ids: Iterable[int]) -> int:
    """Refresh the live copies of these stories, each in a transaction of its own under its row lock.

    Stories no longer live are skipped (unpublishing announced them).
    Returns how many were refreshed.
    """
    refreshed = 0
    for article_id in article_ids:
        with transaction.atomic():
            locked = lock(Article(pk=article_id))
            if locked is None or not locked.is_live:
                continue
            live_copy_refresh(locked)
            refreshed += 1
    return refreshed


def live_extras(article: Article) -> LiveExtras:
    """What ``article``'s live copy shows beside its text, read from its live rows (a fixed number of queries)."""
    article = (
        Article.objects.filter(pk=article.pk)
        .select_related("section", "lead_image")
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author").order_by("position")),
            "tags",
            Prefetch("corrections", queryset=Correction.objects.order_by("published_at", "id")),
        )
        .get()
    )
    tags = sorted(article.tags.all(), key=lambda tag: tag.slug)
    return LiveExtras(
        section=article.section,
        image=article.lead_image,
        authors=[byline.author for byline in article.bylines.all()],
        tags=tags,
        corrections=list(article.corrections.all()),
        related=related_candidates(article, [tag.pk for tag in tags]),
    )


# How many stories a story keeps as its related candidates, and how far back
# among the stories sharing its tags it looks for them.
RELATED_CANDIDATES = 12
RELATED_LOOKBACK = 500
# How many of the newest stories sharing its tags a story going live joins
# the related lists of.
RELATED_NEIGHBOURS = 30


def related_candidates(article: Article, tag_ids: list[int]) -> list[int]:
    """The live stories most like ``article``: most tags in common, then newest.

    Looked for among the newest stories carrying its tags (``RELATED_LOOKBACK``
    rows of the tag index), so the cost is bounded however popular a tag
    becomes. Pages check that each is still live when they show it.
    """
    if not tag_ids:
        return []
    recent = (
        ArticleTag.objects.filter(tag_id__in=tag_ids)
        .exclude(article_id=article.pk)
        .order_by("-article_id")
        .values("article_id")[:RELATED_LOOKBACK]
    )
    return list(
        Article.objects.live()
        .filter(pk__in=recent, tags__in=tag_ids)
        .annotate(shared=Count("pk"))
        .order_by("-shared", "-first_published_at", "-id")
        .values_list("pk", flat=True)[:RELATED_CANDIDATES]
    )


def related_neighbours(article: Article) -> list[int]:
    """The newest live stories sharing a tag with ``article``: whose related lists it may now belong to."""
    tag_ids = list(ArticleTag.objects.filter(article=article).values_list("tag_id", flat=True))
    if not tag_ids:
        return []
    return list(
        Article.objects.live()
        .filter(pk__in=ArticleTag.objects.filter(tag_id__in=tag_ids).values("article_id"))
        .exclude(pk=article.pk)
        .order_by("-first_published_at", "-id")
        .values_list("pk", flat=True)[:RELATED_NEIGHBOURS]
    )


# The picture's words a live page prints beside it: editorial text, which
# readers see only as a moderator approved it.
APPROVED_IMAGE_TEXT = ("alt_", "caption_", "credit_")


def live_extras_write(article: Article, *, approved: bool = False) -> dict:
    """Store ``live_extras`` on the story row (one UPDATE); called by ``live_copy_refresh``.

    A picture's alt text, caption and credit are part of what a moderator
    approves: they are printed with the story as its words are. An editor
    may fix a caption in the library at any time (other stories, drafts and
    the desk see it at once), but a live page keeps the text its approval
    took until a new revision of that story is approved (``approved``).
    Snapshotting at approval rather than in each revision keeps revisions
    and the library as they are; the moderator approves the picture's text
    as the preview shows it. The picture's files and focal point are not
    text and follow the library.
    """
    extras = live_extras(article).to_json()
    kept = (article.live_extras or {}).get("image") if not approved else None
    if kept and extras.get("image") and kept.get("id") == extras["image"].get("id"):
        extras["image"].update({key: value for key, value in kept.items() if key.startswith(APPROVED_IMAGE_TEXT)})
    Article.objects.filter(pk=article.pk).update(live_extras=extras)
    article.live_extras = extras
    return extras
