"""When an event happens: its occurrences, worked out in the event's own time zone.

A repeating event keeps its wall-clock time where it happens: a weekly
18:00 match in Beirut is 18:00 in Beirut before and after the clocks
change, so its UTC time moves by the hour. Pure functions over an ``Event``.
"""

import calendar as gregorian_calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .calendar import hijri_add_years

MAX_OCCURRENCES = 1000


@dataclass(frozen=True)
class Occurrence:
    event: object
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    index: int


def _shift(local_day: date, repeat: str, step: int) -> date | None:
    if repeat == "daily":
        return local_day + timedelta(days=step)
    if repeat == "weekly":
        return local_day + timedelta(weeks=step)
    if repeat == "monthly":
        months = local_day.month - 1 + step
        year, month = local_day.year + months // 12, months % 12 + 1
        if local_day.day > gregorian_calendar.monthrange(year, month)[1]:
            return None  # no 31 April: that month has no occurrence (as RFC 5545 does)
        return local_day.replace(year=year, month=month)
    if repeat == "yearly":
        try:
            return local_day.replace(year=local_day.year + step)
        except ValueError:
            return None  # 29 February in a common year
    if repeat == "hijri_yearly":
        return hijri_add_years(local_day, step)
    return local_day if step == 0 else None


def occurrences(event, start: datetime, end: datetime) -> list[Occurrence]:
    """The event's occurrences that overlap ``start``..``end`` (aware datetimes)."""
    zone = event.zone
    first_start = event.starts_at.astimezone(zone)
    duration = event.ends_at - event.starts_at
    repeat = event.repeat
    found = []
    if repeat == "never":
        if event.starts_at < end and event.ends_at >= start:
            found.append(Occurrence(event, event.starts_at, event.ends_at, 0))
        return found
    until = event.repeat_until
    for step in range(MAX_OCCURRENCES):
        local_day = _shift(first_start.date(), repeat, step)
        if local_day is None:
            if repeat in ("monthly", "yearly"):
                continue
            break
        if until is not None and local_day > until:
            break
        local_start = datetime.combine(local_day, first_start.timetz().replace(tzinfo=None), tzinfo=zone)
        occurrence_start = local_start.astimezone(event.starts_at.tzinfo)
        if occurrence_start >= end:
            break
        if occurrence_start + duration >= start:
            found.append(Occurrence(event, occurrence_start, occurrence_start + duration, step))
    return found
