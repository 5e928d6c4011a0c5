"""What a retention policy for revisions would keep and what it would free: figures only.

Every save is a full revision, and autosave traffic will add more. A policy
could drop old, superseded revisions of a story, but never one that readers
saw or a moderator approved, one a story still points at (live, latest, in
review, scheduled), one another revision names as restored from or
conflicting with, or any revision of a story under a legal hold. (Every
save names the revision it was based on; a policy would point that at the
nearest revision it keeps, so "based on" alone keeps nothing.)
``revision_retention`` counts what such a policy would keep, by reason, and
what it would free; nothing here deletes anything (revisions are immutable).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from ..models import Article, Revision, Transition
from ..workflow import Action

# The moves that put a revision in front of readers or approve it.
APPROVING = (Action.PUBLISH, Action.SCHEDULE, Action.GO_LIVE)


@dataclass(frozen=True)
class RetentionPolicy:
    """Keep each story's newest ``keep_latest`` revisions and everything saved in the last ``keep_days``."""

    keep_latest: int = 10
    keep_days: int = 90
    held_stories: frozenset[int] = frozenset()


@dataclass
class RetentionFigures:
    revisions: int
    table_bytes: int | None  # the table with its indexes and TOAST (PostgreSQL)
    kept: dict[str, int] = field(default_factory=dict)  # why revisions are kept, each reason counted alone
    removable: int = 0
    repeated_bodies: int | None = None  # revisions whose body is their predecessor's, in a language

    @property
    def bytes_each(self) -> int | None:
        return round(self.table_bytes / self.revisions) if self.table_bytes and self.revisions else None

    @property
    def removable_bytes(self) -> int | None:
        """About what dropping the removable revisions frees: their number times the average row."""
        return self.removable * self.bytes_each if self.bytes_each else None


def _keeps(policy: RetentionPolicy, now) -> dict[str, Q]:
    """Each reason to keep a revision, as a condition on ``Revision``."""
    pointed = Q()
    for name in ("live_revision", "latest_revision", "review_revision", "scheduled_revision"):
        pointed |= Q(pk__in=Article.objects.filter(**{f"{name}__isnull": False}).values(name))
    named = Q()
    for name in ("restored_from", "conflict_with"):
        named |= Q(pk__in=Revision.objects.filter(**{f"{name}__isnull": False}).values(name))
    return {
        "live, latest, in review or scheduled": pointed,
        "approved or published once": Q(
            pk__in=Transition.objects.filter(action__in=APPROVING, revision__isnull=False).values("revision")
        ),
        "named by another revision": named,
        "under a legal hold": Q(article__in=list(policy.held_stories)),
        f"saved in the last {policy.keep_days} days": Q(created_at__gte=now - timedelta(days=policy.keep_days)),
        f"among its story's newest {policy.keep_latest}": Q(number__gt=_top_number() - policy.keep_latest),
    }


def _top_number():
    """The story's highest revision number, for each revision's row."""
    return Subquery(
        Revision.objects.filter(article=OuterRef("article"))
        .order_by()
        .values("article")
        .annotate(top=Max("number"))
        .values("top")[:1]
    )


def revision_retention(policy: RetentionPolicy, *, now=None) -> RetentionFigures:
    """What ``policy`` would keep (by reason) and free, for the whole revision table. Reads only."""
    now = now or timezone.now()
    keeps = _keeps(policy, now)
    every = Revision.objects.order_by()
    figures = RetentionFigures(revisions=every.count(), table_bytes=_table_bytes())
    for reason, condition in keeps.items():
        figures.kept[reason] = every.filter(condition).count()
    kept = Q()
    for condition in keeps.values():
        kept |= condition
    figures.removable = every.exclude(kept).count()
    figures.repeated_bodies = _repeated_bodies()
    return figures


def _table_bytes() -> int | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size(%s)", [Revision._meta.db_table])
        return cursor.fetchone()[0]


def _repeated_bodies() -> int | None:
    """How many revisions repeat their predecessor's body in Arabic: what storing a body once would save.

    A compaction that kept each distinct body once (and pointed the
    revisions that repeat it at that copy) would free these. PostgreSQL
    only (it compares digests, not the bodies).
    """
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT md5(body_ar) = lag(md5(body_ar)) OVER "
            "(PARTITION BY article_id ORDER BY number) AS same FROM articles_revision) r WHERE same"
        )
        return cursor.fetchone()[0]
