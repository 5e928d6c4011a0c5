"""Every read of comments: a story's threads, each placed on the revision being looked at."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from articles.models import Article, Revision

from . import anchors
from .models import Comment, Thread


@dataclass
class Placed:
    """A thread as one screen shows it: where its phrase is in the revision on screen."""

    thread: Thread
    anchor: anchors.Anchor | None  # None for threads on a story or a whole field
    carried: bool  # written on an earlier revision than the one shown
    later: bool  # written on a later revision than the one shown


def story_threads(article: Article) -> QuerySet[Thread]:
    """A story's threads, oldest first, with their comments and people, in three queries."""
    comments = Comment.objects.select_related("author").prefetch_related("mentioned").order_by("created_at", "pk")
    return (
        Thread.objects.filter(article=article)
        .select_related("revision", "created_by", "resolved_by")
        .prefetch_related(Prefetch("comments", queryset=comments))
        .order_by("created_at", "pk")
    )


def threads_on(article: Article, revision: Revision | None) -> list[Placed]:
    """The story's threads placed on ``revision``: phrases found again through the diff of each field.

    Each (revision written on, field) pair is compared once, however many
    threads share it.
    """
    placed = []
    texts: dict[tuple[int, str], str] = {}

    def text(of: Revision, field: str) -> str:
        key = (of.pk, field)
        if key not in texts:
            texts[key] = anchors.field_text(of, field)
        return texts[key]

    for thread in story_threads(article):
        written = thread.revision
        anchor = None
        if thread.start is not None and revision is not None:
            if written.number <= revision.number:
                anchor = anchors.carry(
                    text(written, thread.field), text(revision, thread.field), thread.start, thread.end
                )
            else:
                anchor = anchors.Anchor(thread.start, thread.end, thread.quote)
        placed.append(
            Placed(
                thread=thread,
                anchor=anchor,
                carried=revision is not None and written.number < revision.number,
                later=revision is not None and written.number > revision.number,
            )
        )
    return placed


def open_thread_count(article: Article) -> int:
    return Thread.objects.filter(article=article, resolved_at__isnull=True).count()


def thread_counts(article_ids) -> dict[int, dict[str, int]]:
    """Open and resolved threads per story, for lists."""
    rows = (
        Thread.objects.filter(article_id__in=list(article_ids))
        .values("article_id")
        .annotate(
            open=Count("pk", filter=Q(resolved_at__isnull=True)),
            resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
        )
    )
    return {row["article_id"]: {"open": row["open"], "resolved": row["resolved"]} for row in rows}
