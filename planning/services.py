"""Every write planning makes: budget lines, assignments, the order of the budget, events, feed tokens.

Keyword-only, typed, validated with ``full_clean()``. Who may do what is
``rules.Planner``'s to say; these functions ask it and refuse with a
message. None of them publishes anything: the only way from a line to the
reader's site is the story made from it, through the story's own workflow.
"""

from collections.abc import Sequence
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Author, Section
from articles.services import article_create

from .models import BudgetLine, DeskMember, Event, PlanningProfile, new_feed_token
from .rules import Planner
from .signals import line_assigned

# Fields a planner may set on a line, with what the form or caller names them.
LINE_FIELDS = (
    "title_ar",
    "title_en",
    "section",
    "day",
    "kind",
    "assignee",
    "editor",
    "due_at",
    "slot_at",
    "words",
    "notes",
    "priority",
    "status",
    "event",
)


def _refuse(message: str):
    raise PermissionDenied(message)


def _check_assignee(assignee, section: Section) -> None:
    if assignee is None:
        return
    if not Planner.of(assignee).can_take(section.pk):
        raise ValidationError(
            {
                "assignee": _("%(who)s is not on the %(section)s desk and cannot take its assignments.")
                % {"who": assignee.get_username(), "section": section}
            }
        )


def _next_position(section_id: int, day: date) -> int:
    top = BudgetLine.objects.filter(section_id=section_id, day=day).aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def budget_line_create(
    *,
    user,
    section: Section,
    day: date,
    title_ar: str = "",
    title_en: str = "",
    kind: str = BudgetLine.Kind.STORY,
    assignee=None,
    editor=None,
    due_at: datetime | None = None,
    slot_at: datetime | None = None,
    words: int | None = None,
    notes: str = "",
    priority: int = BudgetLine.Priority.NORMAL,
    status: str | None = None,
    event: Event | None = None,
) -> BudgetLine:
    """Put a planned story on a section's budget for ``day``, at the end of that section's list."""
    if not Planner.of(user).can_plan(section.pk):
        _refuse(_("You cannot plan for the %(section)s desk.") % {"section": section})
    _check_assignee(assignee, section)
    if status is None:
        status = BudgetLine.Status.ASSIGNED if assignee else BudgetLine.Status.IDEA
    line = BudgetLine(
        section=section,
        day=day,
        title_ar=title_ar.strip(),
        title_en=title_en.strip(),
        kind=kind,
        assignee=assignee,
        editor=editor,
        due_at=due_at,
        slot_at=slot_at,
        words=words,
        notes=notes.strip(),
        priority=priority,
        status=status,
        event=event,
        created_by=user,
    )
    _validate(line)
    with transaction.atomic():
        line.position = _next_position(section.pk, day)
        line.save()
        _announce_assignment(line, user, previous_id=None)
    return line


def budget_line_update(*, user, line: BudgetLine, **changes) -> BudgetLine:
    """Change a line's plan. Moving it to another section needs the right to plan both."""
    unknown = set(changes) - set(LINE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown budget line fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    planner = Planner.of(user)
    with transaction.atomic():
        locked = BudgetLine.objects.select_for_update(of=("self",)).get(pk=line.pk)
        if not planner.can_plan(locked.section_id):
            _refuse(_("You cannot plan for the %(section)s desk.") % {"section": locked.section})
        previous_id = locked.assignee_id
        moved = False
        for name, value in changes.items():
            if name in ("title_ar", "title_en", "notes") and isinstance(value, str):
                value = value.strip()
            if name in ("section", "day") and getattr(locked, name) != value:
                moved = True
            setattr(locked, name, value)
        if not planner.can_plan(locked.section_id):
            _refuse(_("You cannot plan for the %(section)s desk.") % {"section": locked.section})
        if "assignee" in changes or "section" in changes:
            _check_assignee(locked.assignee, locked.section)
        if "assignee" in changes and "status" not in changes:
            locked.status = _status_after_assignment(locked.status, locked.assignee)
        _validate(locked)
        if moved:
            locked.position = _next_position(locked.section_id, locked.day)
        locked.updated_at = timezone.now()
        locked.save()
        _announce_assignment(locked, user, previous_id=previous_id)
    return locked


def _announce_assignment(line: BudgetLine, user, *, previous_id: int | None) -> None:
    if line.assignee_id is not None and line.assignee_id != previous_id:
        line_assigned.send(sender=BudgetLine, line=line, assignee=line.assignee, by=user)


def _status_after_assignment(status: str, assignee) -> str:
    if assignee is not None and status == BudgetLine.Status.IDEA:
        return BudgetLine.Status.ASSIGNED
    if assignee is None and status == BudgetLine.Status.ASSIGNED:
        return BudgetLine.Status.IDEA
    return status


def budget_line_assign(*, user, line: BudgetLine, assignee) -> BudgetLine:
    """Give the line to ``assignee`` (or to no one).

    Planners of the section assign anyone who may take its work; anyone on
    the desk may take a line no one has yet (``assignee`` is themselves).
    """
    planner = Planner.of(user)
    with transaction.atomic():
        locked = BudgetLine.objects.select_for_update(of=("self",)).select_related("section").get(pk=line.pk)
        taking = assignee is not None and assignee.pk == user.pk and locked.assignee_id in (None, user.pk)
        if not planner.can_plan(locked.section_id) and not (taking and planner.can_take(locked.section_id)):
            _refuse(_("You cannot assign work on the %(section)s desk.") % {"section": locked.section})
        _check_assignee(assignee, locked.section)
        previous_id = locked.assignee_id
        locked.assignee = assignee
        locked.status = _status_after_assignment(locked.status, assignee)
        locked.updated_at = timezone.now()
        locked.save(update_fields=["assignee", "status", "updated_at"])
        _announce_assignment(locked, user, previous_id=previous_id)
    return locked


def budget_line_set_status(*, user, line: BudgetLine, status: str) -> BudgetLine:
    """Move the plan's own status (idea ... filed, dropped); the story's workflow is untouched."""
    if status not in BudgetLine.Status.values:
        raise ValidationError({"status": _("Choose a plan status from the list.")})
    with transaction.atomic():
        locked = BudgetLine.objects.select_for_update(of=("self",)).get(pk=line.pk)
        if not Planner.of(user).can_work_on(locked):
            _refuse(_("Only the line's planners and the person it is assigned to can change its status."))
        locked.status = status
        locked.updated_at = timezone.now()
        locked.save(update_fields=["status", "updated_at"])
    return locked


def budget_lines_reorder(*, user, section: Section, day: date, line_ids: Sequence[int]) -> None:
    """Put a section's lines for ``day`` in the order of ``line_ids`` (every one of them, once)."""
    if not Planner.of(user).can_plan(section.pk):
        _refuse(_("You cannot plan for the %(section)s desk.") % {"section": section})
    with transaction.atomic():
        lines = {
            line.pk: line
            for line in BudgetLine.objects.select_for_update(of=("self",))
            .filter(section=section, day=day)
            .order_by("pk")
        }
        wanted = [int(pk) for pk in line_ids]
        if sorted(wanted) != sorted(lines):
            raise ValidationError(_("The budget changed while you were arranging it: reload the page and try again."))
        changed = []
        for position, pk in enumerate(wanted):
            if lines[pk].position != position:
                lines[pk].position = position
                changed.append(lines[pk])
        BudgetLine.objects.bulk_update(changed, ["position"])


def budget_line_move(*, user, line: BudgetLine, direction: str) -> None:
    """Move a line one place up or down in its section's list (the budget's form, without dragging)."""
    order = list(
        BudgetLine.objects.filter(section_id=line.section_id, day=line.day)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    index = order.index(line.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(order):
        return
    order[index], order[other] = order[other], order[index]
    budget_lines_reorder(user=user, section=line.section, day=line.day, line_ids=order)


def budget_line_make_draft(*, user, line: BudgetLine) -> Article:
    """Make the draft story for a line: headline, section and byline filled in from the plan.

    The draft goes through ``articles.services.article_create`` like any
    other; from then on the budget shows that story's workflow state. A
    line makes one story only.
    """
    with transaction.atomic():
        locked = (
            BudgetLine.objects.select_for_update(of=("self",)).select_related("section", "assignee").get(pk=line.pk)
        )
        if not Planner.of(user).can_work_on(locked):
            _refuse(_("Only the line's planners and the person it is assigned to can start its story."))
        if locked.article_id is not None:
            raise ValidationError(_("This line already has its story."))
        writer = locked.assignee or user
        byline = list(Author.objects.filter(user=writer)[:1])
        article = article_create(
            user=user,
            content={"headline_ar": locked.title_ar, "headline_en": locked.title_en, "section": locked.section},
            authors=byline,
            note=_("Started from the budget line “%(title)s”.") % {"title": locked},
        )
        locked.article = article
        if locked.status in (BudgetLine.Status.IDEA, BudgetLine.Status.ASSIGNED):
            locked.status = BudgetLine.Status.IN_PROGRESS
        locked.updated_at = timezone.now()
        locked.save(update_fields=["article", "status", "updated_at"])
    return article


def _validate(line: BudgetLine) -> None:
    errors = {}
    if not (line.title_ar or line.title_en):
        errors["title_ar"] = [_("Give the line a working title, in Arabic or English.")]
    if errors:
        raise ValidationError(errors)
    line.full_clean(exclude=["created_by", "article"])


# Events -------------------------------------------------------------------


def event_save(*, user, event: Event) -> Event:
    """Create or change an event. Editors may file events for their desks' sections or for none."""
    permission = "planning.change_event" if event.pk else "planning.add_event"
    planner = Planner.of(user)
    if not user.has_perm(permission) or not planner.sees_budget:
        _refuse(_("You cannot plan events."))
    if event.section_id and not planner.can_plan(event.section_id):
        _refuse(_("You cannot plan for the %(section)s desk.") % {"section": event.section})
    if event.pk is None:
        event.created_by = user
    event.title_ar, event.title_en = event.title_ar.strip(), event.title_en.strip()
    if not (event.title_ar or event.title_en):
        raise ValidationError({"title_ar": [_("Give the event a title, in Arabic or English.")]})
    event.full_clean(exclude=["created_by"])
    event.save()
    return event


# People -------------------------------------------------------------------


def desk_member_add(*, user, section: Section, member) -> DeskMember:
    """Put ``member`` on a section's desk (moderators and administrators manage desks)."""
    if not user.has_perm("planning.add_deskmember"):
        _refuse(_("You cannot change who is on a desk."))
    membership, _created = DeskMember.objects.get_or_create(section=section, user=member)
    return membership


def planning_profile(*, user) -> PlanningProfile:
    """The person's planning profile, made on first use (with a fresh feed token)."""
    profile, _created = PlanningProfile.objects.get_or_create(user=user)
    return profile


def planning_profile_update(*, user, time_zone: str) -> PlanningProfile:
    profile = planning_profile(user=user)
    profile.time_zone = time_zone.strip()
    profile.full_clean()
    profile.save(update_fields=["time_zone"])
    return profile


def feed_token_reset(*, user) -> PlanningProfile:
    """Revoke the person's calendar feed address: a new token, and the old one answers 404 at once."""
    profile = planning_profile(user=user)
    profile.feed_token = new_feed_token()
    profile.feed_token_created_at = timezone.now()
    profile.save(update_fields=["feed_token", "feed_token_created_at"])
    return profile
