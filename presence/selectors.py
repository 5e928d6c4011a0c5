"""Reads: who has a story open, who took it over from whom, which parallel revisions wait to be compared."""

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection

from articles.models import Article

from . import rules
from .backends import ACTIVE_SECONDS, Tab, store
from .models import ParallelRevision, TakeOver


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


def people_of(tabs: list[Tab], *, exclude_user_id: int | None = None) -> list[Person]:
    """``tabs`` as people (one per person, whatever their tabs), leaving out ``exclude_user_id``; first arrived first."""
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
    also: Mapping[str, object] = field(default_factory=dict)  # the values of ``story_standing``'s ``also``


# The columns the heartbeat reads of the story: what the rules and the panel ask of it.
STANDING_FIELDS = ("id", "status", "live_revision_id", "latest_revision_id", "review_revision_id")
BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1
_STANDING_SQL: dict[str, tuple[tuple[str, ...], str]] = {}


def _standing_sql() -> tuple[tuple[str, ...], str]:
    """The heartbeat's query for this database, written once: the story's columns, then its five answers.

    Written by hand from the models' tables (building it with the ORM took
    most of a heartbeat's time, as ``newsroom.permissions`` found for the
    rights); ``{see}`` and ``{edit}`` stand for ``rules``' two conditions,
    ``{also}`` for the caller's own columns.
    """
    found = _STANDING_SQL.get(connection.vendor)
    if found is not None:
        return found
    quote = connection.ops.quote_name
    fields = tuple(field.attname for field in Article._meta.concrete_fields if field.attname in STANDING_FIELDS)
    story = quote(Article._meta.db_table)
    columns = ", ".join(f"{story}.{quote(Article._meta.get_field(name).column)}" for name in fields)
    key = f"{story}.{quote(Article._meta.pk.column)}"

    def concerns(model, *, person: str, open_only: bool = False) -> str:
        table, column = quote(model._meta.db_table), model._meta.get_field
        condition = f"t.{quote(column('article').column)} = {key} AND t.{quote(column(person).column)} = %s"
        if open_only:
            condition += f" AND t.{quote(column('dismissed_at').column)} IS NULL"
        return f"EXISTS (SELECT 1 FROM {table} t WHERE {condition})"

    sql = (
        f"SELECT {columns}, ({{see}}), ({{edit}}), {concerns(TakeOver, person='previous')},"
        f" {concerns(TakeOver, person='by')}, {concerns(ParallelRevision, person='user', open_only=True)}{{also}}"
        f" FROM {story} WHERE {key} = %s"
    )
    _STANDING_SQL[connection.vendor] = found = (fields, sql)
    return found


def story_standing(article_id: int, user, *, also: Mapping[str, tuple[str, list]] | None = None) -> Article | None:
    """The story, with ``presence_standing`` for ``user`` on it, in one query; ``None`` if there is none.

    The heartbeat's one read: whether the person may see the story and take
    it over (``rules``, as SQL), and whether any take-over or parallel
    revision concerns them, so the panel asks for those only when one does.
    Only ``STANDING_FIELDS`` are read; any other column is loaded on demand.

    ``also`` adds the caller's own values to the same query (the desk's
    pulses, ``articles.admin_site.desk_pulse_reads``): SQL expressions of one
    value each and their parameters, by name; what they gave is in the
    standing's ``also``, by the same names.
    """
    if not BIGINT_MIN <= article_id <= BIGINT_MAX:  # an address no story can have (the ORM says so for itself)
        return None
    also = also or {}
    fields, sql = _standing_sql()
    see_sql, see_params = rules.may_see_sql(user)
    edit_sql, edit_params = rules.edit_perm_sql(user)
    also_sql = "".join(f", {expression}" for expression, _params in also.values())
    also_params = [param for _expression, params in also.values() for param in params]
    query = sql.format(see=see_sql, edit=edit_sql, also=also_sql)
    params = [*see_params, *edit_params, user.pk, user.pk, user.pk, *also_params, article_id]
    # Kept prepared where the database can (its plan, a primary key and
    # four small lookups, is the same whatever the values): planning it
    # took longer than running it, on every heartbeat.
    execute_prepared = getattr(connection, "execute_prepared", None)
    if execute_prepared is not None:
        rows = execute_prepared(query, params)
    else:
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            rows = cursor.fetchall()
    if not rows:
        return None
    [row] = rows
    answers = len(fields) + 5
    values, (may_see, edit_perm, taken_from, took, parallel) = row[: len(fields)], row[len(fields) : answers]
    article = Article.from_db(connection.alias, fields, values)
    article.presence_standing = Standing(
        user_id=user.pk,
        may_see=bool(may_see),
        may_edit=rules.may_edit_in(article.status, user, bool(edit_perm)),
        taken_over_from=bool(taken_from),
        took_over=bool(took),
        parallel=bool(parallel),
        also=dict(zip(also, row[answers:], strict=True)),
    )
    return article


def present_people(article_id: int, *, exclude_user_id: int | None = None) -> list[Person]:
    """Who has the story's form open now (their tabs beat in the last seconds), first arrived first."""
    return people_of(store.present([article_id]).get(article_id, []), exclude_user_id=exclude_user_id)


def editing_now(article_ids: list[int], *, exclude_user_id: int | None = None) -> dict[int, list[Person]]:
    """Of these stories, the ones someone has open, with who: one round trip for a page of stories."""
    found = store.present(article_ids)
    return {pk: people for pk, tabs in found.items() if (people := people_of(tabs, exclude_user_id=exclude_user_id))}


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
