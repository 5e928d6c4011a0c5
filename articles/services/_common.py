"""What every workflow service does the same way: build the context, lock, log."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import workflow
from ..models import Article, Revision, Transition
from ..richtext import clean_text
from ..signals import live_changed, story_changed


def context_for(article: Article, *, user=None, revision: Revision | None = None, **extra) -> workflow.MoveContext:
    """Describe ``article`` and ``user`` to the workflow table."""
    return workflow.MoveContext(
        state=workflow.State(article.status),
        is_live=article.is_live,
        has_perm=user.has_perm if user is not None else (lambda perm: False),
        is_system=user is None,
        actor_id=user.pk if user is not None else None,
        revision=revision,
        head_revision_id=article.latest_revision_id,
        review_revision_id=article.review_revision_id,
        four_eyes=settings.NEWSROOM_FOUR_EYES,
        headline_max_length=settings.NEWSROOM_HEADLINE_MAX_LENGTH,
        now=extra.pop("now", None) or timezone.now(),
        **extra,
    )


def lock(article: Article, *, skip_locked: bool = False) -> Article | None:
    """Re-read ``article`` with its row locked until the transaction ends.

    Every move judges the locked row, never the copy the caller loaded
    earlier, so two moves on one story are made one after the other.
    """
    rows = Article.objects.select_for_update(skip_locked=skip_locked).filter(pk=article.pk)
    return rows.first()


def record(
    article: Article,
    *,
    action: workflow.Action,
    from_state: str,
    user=None,
    revision: Revision | None = None,
    comment: str = "",
    at=None,
) -> Transition:
    """Write the history row for a move."""
    return Transition.objects.create(
        article=article,
        revision=revision,
        action=action,
        from_state=from_state,
        to_state=article.status,
        actor=user,
        comment=clean_text(comment),
        created_at=at or timezone.now(),
    )


def announce_live_change(article: Article, event: str) -> None:
    """Tell listeners: inside the transaction (``story_changed``), and caches once it is committed."""
    announce_story_event(article, event)
    article_id = article.pk
    transaction.on_commit(lambda: live_changed.send(sender=Article, article_id=article_id))


def announce_story_event(article: Article, event: str) -> None:
    """Send ``story_changed`` now, inside the caller's transaction (see ``signals``)."""
    story_changed.send(sender=Article, article_id=article.pk, event=event)
