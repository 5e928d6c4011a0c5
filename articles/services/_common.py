"""What every workflow service does the same way: lock, log, announce.

The workflow's context for a story (``workflow.context_for``) lives beside
the table it is judged by, so that reads (buttons) build it without the
write layer.
"""

from django.db import transaction
from django.utils import timezone

from .. import workflow
from ..models import Article, Revision, Transition
from ..richtext import clean_text
from ..signals import live_changed, story_changed, story_moved


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
    """Write the history row for a move, and tell ``story_moved``'s listeners inside the transaction."""
    transition = Transition.objects.create(
        article=article,
        revision=revision,
        action=action,
        from_state=from_state,
        to_state=article.status,
        actor=user,
        comment=clean_text(comment),
        created_at=at or timezone.now(),
    )
    story_moved.send(sender=Article, transition=transition)
    return transition


def announce_live_change(article: Article) -> None:
    """Tell caches and listeners once the change is committed, never before."""
    article_id = article.pk
    transaction.on_commit(lambda: live_changed.send(sender=Article, article_id=article_id))


def announce_story_event(article: Article, event: str) -> None:
    """Send ``story_changed`` now, inside the caller's transaction (see ``signals``)."""
    story_changed.send(sender=Article, article_id=article.pk, event=event)
