"""What the notification centre listens to. Each receiver writes one outbox row, in the sender's transaction.

They decide only who hears of what; delivering is the worker's
(``services.outbox_deliver``).
"""

from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article
from articles.signals import story_moved, story_taken_over
from articles.workflow import Action
from comments import mentions
from comments.signals import comment_posted
from planning.signals import line_assigned

from . import selectors, services
from .models import Event

# The workflow moves people hear of, and the event each is to them.
MOVES = {
    Action.REQUEST_CHANGES: Event.RETURNED,
    Action.PUBLISH: Event.APPROVED,
    Action.SCHEDULE: Event.SCHEDULED,
    Action.GO_LIVE: Event.PUBLISHED,
    Action.UNPUBLISH: Event.UNPUBLISHED,
    Action.CORRECT: Event.CORRECTED,
}


def _excerpt(text: str, length: int = 280) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


@receiver(story_moved, dispatch_uid="notifications.story_moved")
def _story_moved(sender, transition, **kwargs):
    mentioned = mentions.resolve(transition.comment) if transition.comment else []
    event = MOVES.get(transition.action)
    if event is None and not mentioned:
        return
    article = transition.article
    recipients = dict.fromkeys(selectors.followers_of(article), event) if event else {}
    for person in mentioned:
        recipients.setdefault(person.pk, Event.MENTIONED)
    if mentioned:
        services.followers_add(article=article, users=mentioned)
    data = services.story_details(article, transition.actor)
    data.update(text=_excerpt(transition.comment), at=transition.created_at.isoformat())
    if transition.action == Action.SCHEDULE and article.go_live_at:
        data["at"] = article.go_live_at.isoformat()
    services.outbox_add(
        key=f"move:{transition.pk}",
        event=event or Event.MENTIONED,
        recipients=recipients,
        article=article,
        actor=transition.actor,
        data=data,
    )


@receiver(comment_posted, dispatch_uid="notifications.comment_posted")
def _comment_posted(sender, comment, mentioned, reply, **kwargs):
    thread = comment.thread
    article = Article.objects.select_related("latest_revision").get(pk=thread.article_id)
    services.followers_add(article=article, users=[comment.author, *mentioned])
    recipients = {} if comment.edited_at else dict.fromkeys(selectors.followers_of(article), Event.COMMENTED)
    for person in mentioned:
        recipients[person.pk] = Event.MENTIONED
    key = f"comment:{comment.pk}"
    if comment.edited_at:
        key += ":" + ",".join(str(person.pk) for person in mentioned)
    data = services.story_details(article, comment.author)
    data.update(text=_excerpt(comment.body), thread_id=thread.pk, quote=_excerpt(thread.quote, 120))
    services.outbox_add(
        key=key, event=Event.COMMENTED, recipients=recipients, article=article, actor=comment.author, data=data
    )


@receiver(story_taken_over, dispatch_uid="notifications.story_taken_over")
def _taken_over(sender, article, by, previous, **kwargs):
    if previous is None:
        return
    article = Article.objects.select_related("latest_revision").get(pk=article.pk)
    now = timezone.now()
    services.outbox_add(
        key=f"takeover:{article.pk}:{previous.pk}:{now.isoformat()}",
        event=Event.TAKEN_OVER,
        recipients={previous.pk: Event.TAKEN_OVER},
        article=article,
        actor=by,
        data=services.story_details(article, by),
    )


@receiver(line_assigned, dispatch_uid="notifications.line_assigned")
def _assigned(sender, line, assignee, by, **kwargs):
    data = {
        "headline_ar": line.title_ar,
        "headline_en": line.title_en,
        "actor_name": by.get_full_name() or by.get_username(),
        "line_id": line.pk,
    }
    services.outbox_add(
        key=f"assign:{line.pk}:{assignee.pk}:{line.updated_at.isoformat()}",
        event=Event.ASSIGNED,
        recipients={assignee.pk: Event.ASSIGNED},
        actor=by,
        data=data,
    )
