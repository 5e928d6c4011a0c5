"""Every write comments make: start a thread, reply, edit, delete, resolve, reopen.

Keyword-only, typed, validated; who may do what is ``rules``'s to say, and a
refusal is a ``PermissionDenied`` with the reason. Each write happens in one
transaction with what listeners of ``signals.comment_posted`` add to it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Revision
from articles.models.content import translated_names
from articles.richtext import clean_text

from . import anchors, mentions, rules
from .models import Comment, Thread
from .signals import comment_posted

MAX_LENGTH = 5000


def _refuse(message: str):
    raise PermissionDenied(message)


def _body(body: str) -> str:
    body = clean_text(body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write a comment first.")]})
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            {"body": [_("A comment can be at most %(count)s characters long.") % {"count": MAX_LENGTH}]}
        )
    return body


def _write(comment: Comment, *, reply: bool) -> Comment:
    comment.full_clean(exclude=["thread", "author"])
    comment.save()
    mentioned = [user for user in mentions.resolve(comment.body) if user.pk != comment.author_id]
    if mentioned:
        comment.mentioned.set(mentioned)
    comment_posted.send(sender=Comment, comment=comment, mentioned=mentioned, reply=reply)
    return comment


def comment_create(
    *,
    article: Article,
    user,
    body: str,
    field: str = "",
    revision: Revision | None = None,
    quote: str = "",
    prefix: str = "",
    position: int | None = None,
) -> Comment:
    """Start a thread on ``article``: on the whole story, on ``field``, or on the phrase ``quote`` in it.

    The thread belongs to ``revision`` (the current one by default). A phrase
    must be in that revision's text of the field: text typed since the last
    save cannot be commented on until it is saved.
    """
    if not rules.may_comment(user):
        _refuse(_("You cannot comment on stories."))
    body = _body(body)
    if field and field not in translated_names():
        raise ValidationError({"field": [_("There is no story field “%(field)s”.") % {"field": field}]})
    if quote and not field:
        raise ValidationError({"quote": [_("Say which field the commented text is in.")]})
    revision = revision or article.latest_revision
    if revision is None or revision.article_id != article.pk:
        raise ValidationError({"revision": [_("That revision belongs to another story.")]})
    start = end = None
    quote = (quote or "").strip()
    if quote:
        found = anchors.locate(anchors.field_text(revision, field), quote, prefix=prefix or "", position=position)
        if found is None:
            raise ValidationError(
                {
                    "quote": [
                        _(
                            "The text you selected is not in the saved revision %(number)s: "
                            "save the story first, then comment on it."
                        )
                        % {"number": revision.number}
                    ]
                }
            )
        start, end = found
    now = timezone.now()
    with transaction.atomic():
        thread = Thread(
            article=article,
            revision=revision,
            field=field,
            quote=quote,
            start=start,
            end=end,
            created_by=user,
            created_at=now,
        )
        thread.full_clean()
        thread.save()
        return _write(Comment(thread=thread, author=user, body=body, created_at=now), reply=False)


def comment_reply(*, thread: Thread, user, body: str) -> Comment:
    """Answer in ``thread``. Replying to a resolved thread reopens it: the conversation is not over."""
    if not rules.may_comment(user):
        _refuse(_("You cannot comment on stories."))
    body = _body(body)
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.resolved_at is not None:
            locked.resolved_at, locked.resolved_by = None, None
            locked.save(update_fields=["resolved_at", "resolved_by"])
        return _write(Comment(thread=locked, author=user, body=body, created_at=timezone.now()), reply=True)


def comment_edit(*, comment: Comment, user, body: str) -> Comment:
    """Change the words of one's own comment; it is marked as edited. Mentions added by the edit are told."""
    if not rules.may_change(user, comment):
        _refuse(_("You can only edit your own comments."))
    body = _body(body)
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        before = {user.pk for user in locked.mentioned.all()}
        locked.body = body
        locked.edited_at = timezone.now()
        locked.full_clean(exclude=["thread", "author"])
        locked.save(update_fields=["body", "edited_at"])
        mentioned = [person for person in mentions.resolve(body) if person.pk != locked.author_id]
        locked.mentioned.set(mentioned)
        added = [person for person in mentioned if person.pk not in before]
        if added:
            comment_posted.send(sender=Comment, comment=locked, mentioned=added, reply=True)
    return locked


def comment_delete(*, comment: Comment, user) -> None:
    """Delete one's own comment; a thread left with no comment goes with it."""
    if not rules.may_change(user, comment):
        _refuse(_("You can only delete your own comments."))
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=comment.thread_id)
        Comment.objects.filter(pk=comment.pk).delete()
        if not thread.comments.exists():
            thread.delete()


def thread_resolve(*, thread: Thread, user) -> Thread:
    """Mark the thread done, saying who and when."""
    if not rules.may_resolve(user, thread):
        _refuse(_("Only the person who started this thread or a moderator can resolve it."))
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.resolved_at is None:
            locked.resolved_at, locked.resolved_by = timezone.now(), user
            locked.save(update_fields=["resolved_at", "resolved_by"])
    return locked


def thread_reopen(*, thread: Thread, user) -> Thread:
    """Open a resolved thread again."""
    if not rules.may_resolve(user, thread):
        _refuse(_("Only the person who started this thread or a moderator can reopen it."))
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        locked.resolved_at, locked.resolved_by = None, None
        locked.save(update_fields=["resolved_at", "resolved_by"])
    return locked
