"""Reads: who has a story open, who took it over from whom, which parallel revisions wait to be compared."""

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import BooleanField, Exists, OuterRef
from django.db.models.expressions import RawSQL

from articles.models import Article

from . import rules
from .backends import Tab, store
from .models import ParallelRevision, TakeOver

# Someone is "actively editing" when they have unsaved changes or typed
# within this long: opening the story then says so, and offers a take-over.
ACTIVE_SECONDS = 120


@dataclass(frozen=True)
class Person:
    """Everyone's tabs on one story, as one person."""

    user_id: int
    name: str
    since: datetime
    typing: bool
    unsaved: bool
    typed: datetime | None
    tabs: int = 1

    @property
    def active(self) -> bool:
        recently = self.typed is not None and time.time() - self.typed.timestamp() < ACTIVE_SECONDS
        return self.unsaved or self.typing or recently


def _people(tabs: list[Tab], *, exclude_user_id: int | None = None) -> list[Person]:
    by_user: dict[int, list[Tab]] = {}
    for tab in tabs:
        if tab.user_id != exclude_user_id:
            by_user.setdefault(tab.user_id, []).append(tab)
    people = []
    for user_id, own in by_user.items():
        typed = [tab.typed for tab in own if tab.typed is not None]
        people.append(
            Person(
                user_id=user_id,
                name=own[0].name,
                since=datetime.fromtimestamp(min(tab.since for tab in own), tz=UTC),
                typing=any(tab.typing for tab in own),
                unsaved=any(tab.unsaved for tab in own),
                typed=datetime.fromtimestamp(max(typed), tz=UTC) if typed else None,
                tabs=len(own),
            )
        )
    return sorted(people, key=lambda person: person.since)


@dataclass(frozen=True)
class Standing:
    """One person's standing on one story, read with it (``story_standing``)."""

    user_id: int
    may_see: bool
    may_edit: bool
    taken_over_from: bool  # someone has taken this story over from them (ever)
    took_over: bool  # they have taken it over from someone (ever)
    parallel: bool  # a parallel revision of it waits for them


def story_standing(article_id: int, user) -> Article | None:
    """The story, with ``presence_standing`` for ``user`` on it, in one query; ``None`` if there is none.

    The heartbeat's one read: whether the person may see the story and take
    it over (``rules``, as SQL), and whether any take-over or parallel
    revision concerns them, so the panel asks for those only when one does.
    """
    see_sql, see_params = rules.may_see_sql(user)
    edit_sql, edit_params = rules.edit_perm_sql(user)
    row = (
        Article.objects.filter(pk=article_id)
        .only("id", "status", "live_revision_id", "latest_revision_id", "review_revision_id")
        .annotate(
            presence_may_see=RawSQL(see_sql, see_params, output_field=BooleanField()),
            presence_edit_perm=RawSQL(edit_sql, edit_params, output_field=BooleanField()),
            presence_taken_from=Exists(TakeOver.objects.filter(article=OuterRef("pk"), previous=user.pk)),
            presence_took=Exists(TakeOver.objects.filter(article=OuterRef("pk"), by=user.pk)),
            presence_parallel=Exists(
                ParallelRevision.objects.filter(article=OuterRef("pk"), user=user.pk, dismissed_at=None)
            ),
        )
        .first()
    )
    if row is None:
        return None
    row.presence_standing = Standing(
        user_id=user.pk,
        may_see=bool(row.presence_may_see),
        may_edit=rules.may_edit_in(row.status, user, row.presence_edit_perm),
        taken_over_from=bool(row.presence_taken_from),
        took_over=bool(row.presence_took),
        parallel=bool(row.presence_parallel),
    )
    return row


def present_people(article_id: int, *, exclude_user_id: int | None = None) -> list[Person]:
    """Who has the story's form open now (their tabs beat in the last seconds), first arrived first."""
    return _people(store.present([article_id]).get(article_id, []), exclude_user_id=exclude_user_id)


def editing_now(article_ids: list[int], *, exclude_user_id: int | None = None) -> dict[int, list[Person]]:
    """Of these stories, the ones someone has open, with who: one round trip for a page of stories."""
    found = store.present(article_ids)
    return {pk: people for pk, tabs in found.items() if (people := _people(tabs, exclude_user_id=exclude_user_id))}


def taken_over_from(article_id: int, user_id: int, *, since: datetime) -> TakeOver | None:
    """The latest take-over of this story from ``user_id`` since their tab opened."""
    return (
        TakeOver.objects.filter(article_id=article_id, previous_id=user_id, created_at__gte=since)
        .select_related("by")
        .first()
    )


def taken_over_by(article_id: int, user_id: int, *, since: datetime) -> set[int]:
    """Whom ``user_id`` took this story over from since ``since``."""
    return set(
        TakeOver.objects.filter(article_id=article_id, by_id=user_id, created_at__gte=since).values_list(
            "previous_id", flat=True
        )
    )


def story_take_overs(article_id: int):
    """Every take-over of a story, newest first (for its history)."""
    return TakeOver.objects.filter(article_id=article_id).select_related("by", "previous")


def parallel_revisions_for(user, *, article_id: int | None = None):
    """The parallel revisions ``user`` has not dismissed yet, newest first."""
    notices = ParallelRevision.objects.filter(user=user, dismissed_at=None).select_related(
        "revision__created_by", "overtaken", "article__latest_revision"
    )
    if article_id is not None:
        notices = notices.filter(article_id=article_id)
    return notices
