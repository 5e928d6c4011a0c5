"""The calendar feeds: the only planning addresses outside the admin.

Calendar clients do not sign in, so each feed address carries its person's
unguessable token (``PlanningProfile.feed_token``). The token is checked on
every request, with the person's right to read the budget: resetting the
token (on the "My planning" page), deactivating the person or taking away
their role revokes every address at once; each then answers 404.
"""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from articles.models import Section

from . import ical, selectors
from .rules import can_view_budget
from .times import local_day

DAYS_BEFORE, DAYS_AFTER = 14, 90


def _reader(token: str):
    profile = selectors.profile_by_token(token)
    if profile is None or not can_view_budget(profile.user):
        raise Http404
    return profile.user


def _title(line) -> str:
    return line.title_ar or line.title_en


def _line_entry(request, line) -> ical.Entry:
    start = line.slot_at or line.due_at
    details = [f"{line.section} · {line.get_kind_display()} · {line.get_status_display()}"]
    if line.assignee_id:
        details.append(_("Assigned to %(who)s") % {"who": line.assignee_username})
    if line.due_at:
        details.append(_("Due %(when)s") % {"when": timezone.localtime(line.due_at).strftime("%Y-%m-%d %H:%M")})
    if line.notes:
        details.append(line.notes)
    return ical.Entry(
        uid=f"budget-line-{line.pk}@{request.get_host()}",
        summary=_title(line),
        start=start,
        end=start + timedelta(minutes=30) if start else None,
        day=None if start else line.day,
        description="\n".join(details),
        url=request.build_absolute_uri(reverse("admin:planning_budgetline_change", args=[line.pk])),
        categories=str(line.section),
        status="TENTATIVE" if line.status == line.Status.IDEA else "CONFIRMED",
    )


def _event_entry(request, occurrence) -> ical.Entry:
    event = occurrence.event
    return ical.Entry(
        uid=f"event-{event.pk}-{occurrence.index}@{request.get_host()}",
        summary=event.title_ar or event.title_en,
        start=occurrence.starts_at,
        end=occurrence.ends_at,
        description=event.notes,
        location=event.location,
        url=request.build_absolute_uri(reverse("admin:planning_event_change", args=[event.pk])),
        categories=str(event.section or ""),
    )


def _respond(name: str, entries) -> HttpResponse:
    body = ical.calendar(name=name, entries=entries, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # The address is a secret: no shared cache keeps it, no search engine lists it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _window():
    today = local_day(timezone.now())
    return today - timedelta(days=DAYS_BEFORE), today + timedelta(days=DAYS_AFTER)


def person_feed(request, token):
    """The coverage assigned to, or edited by, the token's person."""
    user = _reader(token)
    first, last = _window()
    with override("ar"):
        lines = selectors.feed_lines(first=first, last=last, assignee=user)
        entries = [_line_entry(request, line) for line in lines]
        name = _("Planned coverage: %(who)s") % {"who": user.get_username()}
    return _respond(name, entries)


def section_feed(request, token, slug):
    """A section's planned coverage and its events, for anyone who may read the budget."""
    _reader(token)
    section = get_object_or_404(Section, slug=slug)
    first, last = _window()
    with override("ar"):
        lines = selectors.feed_lines(first=first, last=last, section=section)
        entries = [_line_entry(request, line) for line in lines]
        entries += [_event_entry(request, o) for o in selectors.event_occurrences(first, last, section_id=section.pk)]
        name = _("Planned coverage: %(section)s") % {"section": section}
    return _respond(name, entries)
