"""Every read the public site and the editorial queues need.

The rule for what a reader may see lives in ``ArticleQuerySet.live``; the
public selectors here all start from it.
"""

from django.db.models import Prefetch, QuerySet

from . import workflow
from .models import Article, ArticleAuthor, Revision, Transition
from .workflow import Action, State


def article_live() -> QuerySet[Article]:
    """Live stories, newest first, with what a list of them shows."""
    return Article.objects.live().select_related("section", "lead_image").order_by("-first_published_at", "-id")


def article_live_detail(pk: int) -> Article:
    """One live story with its bylines, tags and corrections, or DoesNotExist."""
    return (
        article_live()
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author").order_by("position")),
            "tags",
            "corrections",
        )
        .get(pk=pk)
    )


def review_queue() -> QuerySet[Article]:
    """Stories waiting for a moderator, oldest submission first."""
    return (
        Article.objects.filter(status=State.IN_REVIEW)
        .select_related("review_revision", "review_revision__created_by", "review_revision__section", "latest_revision")
        .order_by("review_revision__created_at", "pk")
    )


def article_history(article: Article) -> tuple[QuerySet[Revision], QuerySet[Transition]]:
    """A story's revisions and moves, newest first."""
    revisions = (
        Revision.objects.filter(article=article)
        .select_related("created_by", "conflict_with", "restored_from")
        .defer("body_ar", "body_en")
        .order_by("-number")
    )
    transitions = (
        Transition.objects.filter(article=article).select_related("actor", "revision").order_by("-created_at", "-id")
    )
    return revisions, transitions


def moves_for(article: Article, user) -> list[Action]:
    """The workflow actions ``user`` may start on ``article`` now (for buttons).

    Guards are not checked here; a button whose guard fails answers with the
    reason when pressed.
    """
    from .services._common import context_for

    return workflow.available(context_for(article, user=user))
