"""Every read planning makes: the budget, a person's assignments, the calendar, the feeds.

The budget reads its lines in one query whatever their number: the
section, assignee and editor are joined, and of the story made from a line
only its workflow state is read (``story_status``), never its text.
"""

from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.utils import timezone

from articles.models import Section
from articles.workflow import State

from .events import occurrences
from .models import BudgetLine, DeskMember, Event, PlanningProfile
from .times import day_bounds, local_day

FILTERS = ("mine", "my_sections", "unassigned", "late")
OPEN_STATUSES = (BudgetLine.Status.IDEA, BudgetLine.Status.ASSIGNED, BudgetLine.Status.IN_PROGRESS)


def _lines():
    # Of the people and the story only what a row prints is read: 2,000 lines
    # make 2,000 objects, not 8,000.
    return BudgetLine.objects.annotate(
        story_status=F("article__status"),
        assignee_username=F("assignee__username"),
        event_title_ar=F("event__title_ar"),
        event_title_en=F("event__title_en"),
    ).defer("created_by", "created_at", "updated_at")


def budget_lines(
    *, first: date, last: date, user=None, show: str = "", section_id: int | None = None, desks=frozenset()
):
    """The budget lines of the days ``first``..``last``, by section, then day, then the desk's order.

    ``show`` narrows it: ``mine`` (assigned to or edited by ``user``),
    ``my_sections`` (the sections in ``desks``), ``unassigned`` (open lines
    with no one on them), ``late`` (due and not yet filed or published).
    """
    lines = _lines().filter(day__gte=first, day__lte=last)
    if section_id:
        lines = lines.filter(section_id=section_id)
    if show == "mine" and user is not None:
        lines = lines.filter(Q(assignee=user) | Q(editor=user))
    elif show == "my_sections":
        lines = lines.filter(section_id__in=list(desks))
    elif show == "unassigned":
        lines = lines.filter(assignee__isnull=True, status__in=OPEN_STATUSES)
    elif show == "late":
        lines = lines.filter(late_lines(timezone.now()))
    return lines.order_by("section__order", "section__slug", "day", "position", "id")


# What a budget row prints, read as plain values: building 2,000 model
# instances costs more than the query and the page together.
ROW_COLUMNS = (
    "id",
    "title_ar",
    "title_en",
    "section_id",
    "day",
    "kind",
    "assignee_id",
    "assignee_username",
    "due_at",
    "slot_at",
    "words",
    "notes",
    "priority",
    "status",
    "article_id",
    "story_status",
    "event_title_ar",
    "event_title_en",
)


class LineView:
    """One budget line as the budget shows it (the columns of ``ROW_COLUMNS``)."""

    __slots__ = ROW_COLUMNS

    def __init__(self, values):
        for name, value in zip(ROW_COLUMNS, values, strict=True):
            setattr(self, name, value)

    @property
    def pk(self):
        return self.id


def budget_rows(**criteria) -> list[LineView]:
    """``budget_lines(**criteria)`` as ``LineView`` rows, in the same order."""
    return [LineView(values) for values in budget_lines(**criteria).values_list(*ROW_COLUMNS)]


def late_lines(now: datetime) -> Q:
    """Lines past their due time that are neither filed, dropped nor published."""
    return (
        Q(due_at__lt=now, status__in=OPEN_STATUSES)
        & ~Q(article__status=State.PUBLISHED)
        & ~Q(article__status=State.SCHEDULED)
    )


def is_late(line, now: datetime) -> bool:
    return bool(
        line.due_at
        and line.due_at < now
        and line.status in OPEN_STATUSES
        and line.story_status not in (State.PUBLISHED, State.SCHEDULED)
    )


def sections():
    return list(Section.objects.order_by("order", "slug"))


def assigned_to(user, *, limit: int = 10):
    """Open lines assigned to ``user`` from today on: what the desk shows as "assigned to me"."""
    today = local_day(timezone.now())
    return list(
        _lines()
        .select_related("section")
        .filter(assignee=user, day__gte=today - timedelta(days=1), status__in=OPEN_STATUSES)
        .order_by("day", F("due_at").asc(nulls_last=True), "position", "id")[:limit]
    )


def people_who_take_assignments():
    """Active staff who can see the budget, so may be assigned work (the service checks their desks)."""
    User = get_user_model()
    grants = Q(
        groups__permissions__codename="view_budgetline", groups__permissions__content_type__app_label="planning"
    ) | Q(user_permissions__codename="view_budgetline", user_permissions__content_type__app_label="planning")
    ids = User.objects.filter(is_active=True, is_staff=True).filter(Q(is_superuser=True) | grants).values("pk")
    return list(User.objects.filter(pk__in=ids).order_by("username"))


def desks_by_person() -> dict[int, set[int]]:
    desks: dict[int, set[int]] = {}
    for user_id, section_id in DeskMember.objects.values_list("user_id", "section_id"):
        desks.setdefault(user_id, set()).add(section_id)
    return desks


def viewer_time_zone(user) -> str:
    return PlanningProfile.objects.filter(user=user).values_list("time_zone", flat=True).first() or ""


def event_occurrences(first: date, last: date, *, section_id: int | None = None):
    """Every occurrence of every event overlapping the newsroom's days ``first``..``last``, by start."""
    start, end = day_bounds(first, last)
    events = Event.objects.select_related("section").filter(starts_at__lt=end)
    events = events.filter(Q(repeat=Event.Repeat.NEVER, ends_at__gte=start) | ~Q(repeat=Event.Repeat.NEVER))
    events = events.filter(Q(repeat_until__isnull=True) | Q(repeat_until__gte=first - timedelta(days=1)))
    if section_id:
        events = events.filter(section_id=section_id)
    found = [occurrence for event in events for occurrence in occurrences(event, start, end)]
    return sorted(found, key=lambda occurrence: (occurrence.starts_at, occurrence.event.pk))


def profile_by_token(token: str) -> PlanningProfile | None:
    """The profile whose calendar feed token is ``token``, if its person may still read the budget."""
    if not token:
        return None
    return PlanningProfile.objects.select_related("user").filter(feed_token=token, user__is_active=True).first()


def feed_lines(*, first: date, last: date, assignee=None, section=None):
    """The lines a calendar feed carries: a person's (assigned or edited) or a section's, not dropped."""
    lines = (
        _lines()
        .select_related("section")
        .filter(day__gte=first, day__lte=last)
        .exclude(status=BudgetLine.Status.DROPPED)
    )
    if assignee is not None:
        lines = lines.filter(Q(assignee=assignee) | Q(editor=assignee))
    if section is not None:
        lines = lines.filter(section=section)
    return lines.order_by("day", "position", "id")
