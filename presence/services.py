"""Writes: a form's heartbeat, leaving, taking a story over, parallel revisions noted and dismissed."""

import time
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Revision
from articles.signals import story_taken_over

from . import rules, selectors
from .backends import Tab, display_name, store
from .models import ParallelRevision, TakeOver

TAB_NAME_LENGTH = 32


def _check_tab(tab: str) -> str:
    if not tab or len(tab) > TAB_NAME_LENGTH or not tab.replace("-", "").isalnum():
        raise ValidationError(_("The form's heartbeat did not name its tab."))
    return tab


@dataclass(frozen=True)
class Beat:
    """A heartbeat as stored: the tab (with the time it opened) and every tab on the story now, itself included.

    ``digest`` is what a quiet heartbeat compares of the others (``None``
    from the database, which has no quiet heartbeats).
    """

    tab: Tab
    present: list[Tab]
    digest: str | None = None


def presence_beat(*, article: Article, user, tab: str, typing: bool, unsaved: bool) -> Beat:
    """Say that ``user``'s tab has the story's form open, typing or idle, with or without unsaved changes.

    Returns the beat as stored, with who else is there, read in the same
    round trip (the answer the form shows).
    """
    if not rules.may_see(user, article):
        raise PermissionDenied
    now = time.time()
    entry = Tab(
        user_id=user.pk,
        name=display_name(user),
        tab=_check_tab(tab),
        since=now,
        seen=now,
        typing=typing,
        unsaved=unsaved,
    )
    kept, present, digest = store.beat_and_look(article.pk, entry)
    return Beat(tab=kept, present=present, digest=digest)


def presence_leave(*, article: Article, user, tab: str) -> None:
    """The tab closed the form (or left the page): others stop seeing it at once."""
    if not rules.may_see(user, article):
        raise PermissionDenied
    store.leave(article.pk, user.pk, _check_tab(tab))


def story_take_over(*, article: Article, by, since: datetime | None = None) -> list[TakeOver]:
    """``by`` takes the story over from everyone actively editing it now; each take-over is recorded.

    Each person taken over from sees it on their form at their next
    heartbeat; ``story_taken_over`` is sent for each after commit.
    """
    if not rules.may_edit(by, article):
        raise PermissionDenied(_("You cannot edit this story, so you cannot take it over."))
    active = [person for person in selectors.present_people(article.pk, exclude_user_id=by.pk) if person.active]
    if not active:
        raise ValidationError(_("No one else is editing this story now: there is nothing to take over."))
    now = timezone.now()
    with transaction.atomic():
        taken = [
            TakeOver.objects.create(article=article, by=by, previous_id=person.user_id, created_at=now)
            for person in active
        ]
        transaction.on_commit(
            partial(store.bump, article_ids=[article.pk], user_ids=[by.pk, *(person.user_id for person in active)])
        )
        for take_over in taken:
            transaction.on_commit(
                partial(
                    story_taken_over.send,
                    sender=TakeOver,
                    article=article,
                    by=by,
                    previous=take_over.previous,
                )
            )
    return taken


def parallel_revision_note(*, article: Article, revision: Revision, overtaken_user) -> ParallelRevision | None:
    """Tell ``overtaken_user`` that ``revision`` was kept beside their current revision after a conflict.

    Nothing to tell when they made the side revision themselves (two tabs).
    """
    if revision.conflict_with_id is None or overtaken_user is None or overtaken_user.pk == revision.created_by_id:
        return None
    notice, created = ParallelRevision.objects.get_or_create(
        revision=revision,
        user=overtaken_user,
        defaults={"article": article, "overtaken_id": revision.conflict_with_id, "created_at": timezone.now()},
    )
    if created:
        transaction.on_commit(partial(store.bump, user_ids=[overtaken_user.pk]))
    return notice


def parallel_revision_dismiss(*, notice: ParallelRevision, user) -> None:
    """The person told has compared (or does not need to): stop telling them."""
    if notice.user_id != user.pk:
        raise PermissionDenied
    if notice.dismissed_at is None:
        notice.dismissed_at = timezone.now()
        notice.save(update_fields=["dismissed_at"])
        transaction.on_commit(partial(store.bump, user_ids=[user.pk]))
