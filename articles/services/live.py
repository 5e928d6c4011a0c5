"""What the live copy of a story shows beside its text, kept on the story row.

A story page prints its section, picture, bylines, tags and corrections.
Reading them from their own tables costs a join or a query each on every
page; the story row instead keeps them as plain data
(``Article.live_extras``), written whenever they can change: when a revision
goes live, when a correction is added, when a picture's renditions are made,
and when a section, author, tag or picture is edited (``library.py``).
"""

from django.db.models import Count, Prefetch

from ..editions import languages
from ..models import Article, ArticleAuthor, ArticleTag, Correction

IMAGE_TEXT = ("alt", "caption", "credit")


def _names(obj) -> dict[str, str]:
    return {f"name_{code}": getattr(obj, f"name_{code}") or "" for code in languages()}


def live_extras(article: Article) -> dict:
    """The bylines (in order), tags and corrections of ``article``'s live copy, as plain data."""
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
    section, image = article.section, article.lead_image
    return {
        "section": {"id": section.pk, "slug": section.slug, "order": section.order, **_names(section)}
        if section
        else None,
        "image": {
            "id": image.pk,
            "width": image.width,
            "height": image.height,
            "sources": image.sources,
            **{f"{name}_{code}": getattr(image, f"{name}_{code}") or "" for name in IMAGE_TEXT for code in languages()},
        }
        if image
        else None,
        "authors": [
            {"id": byline.author.pk, "slug": byline.author.slug, **_names(byline.author)}
            for byline in article.bylines.all()
        ],
        "tags": [
            {"id": tag.pk, "slug": tag.slug, **_names(tag)} for tag in sorted(article.tags.all(), key=lambda t: t.slug)
        ],
        "corrections": [
            {
                "kind": correction.kind,
                "published_at": correction.published_at.isoformat(),
                **{f"text_{code}": getattr(correction, f"text_{code}") or "" for code in languages()},
            }
            for correction in article.corrections.all()
        ],
        "related": related_candidates(article, [tag.pk for tag in article.tags.all()]),
    }


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


def live_extras_write(article: Article) -> dict:
    """Store ``live_extras`` on the story row (one UPDATE)."""
    extras = live_extras(article)
    Article.objects.filter(pk=article.pk).update(live_extras=extras)
    article.live_extras = extras
    return extras
