"""Planned times as the desk reads them: the newsroom's clock, and the viewer's beside it when it differs.

Times are stored in UTC. The newsroom's zone is ``TIME_ZONE`` (read at call
time); a person may set their own in their planning profile, and where its
offset at that moment differs from the newsroom's, both are shown.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.conf import settings

from articles.dates import digits


def newsroom_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def zone_or_none(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def zone_label(zone: zoneinfo.ZoneInfo) -> str:
    """A short name for a zone: its city ("Baghdad", "New York")."""
    return str(zone.key).rsplit("/", 1)[-1].replace("_", " ")


def local_day(moment: datetime) -> date:
    """The newsroom's calendar day at ``moment``."""
    return moment.astimezone(newsroom_zone()).date()


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The UTC instants where the newsroom's day ``first`` begins and the day after ``last`` begins."""
    zone = newsroom_zone()
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(date.fromordinal(last.toordinal() + 1), time.min, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


@dataclass(frozen=True)
class ShownTime:
    """A moment printed for the desk: newsroom time, and the viewer's own when different."""

    moment: datetime
    newsroom: str
    viewer: str  # "" when the viewer's clock reads the same
    viewer_zone: str
    iso: str
    day: date

    def __str__(self):
        return f"{self.newsroom} ({self.viewer} {self.viewer_zone})" if self.viewer else self.newsroom


def shown(moment: datetime | None, *, language: str, viewer_zone: zoneinfo.ZoneInfo | None, with_day: bool = False):
    """``moment`` as ``ShownTime``, or ``None``. ``with_day`` adds the newsroom's date (for week views)."""
    if moment is None:
        return None
    zone = newsroom_zone()
    local = moment.astimezone(zone)
    text = local.strftime("%d/%m %H:%M" if with_day else "%H:%M")
    viewer, viewer_name = "", ""
    if viewer_zone is not None and viewer_zone.key != zone.key:
        theirs = moment.astimezone(viewer_zone)
        if theirs.utcoffset() != local.utcoffset():
            viewer = digits(theirs.strftime("%d/%m %H:%M" if theirs.date() != local.date() else "%H:%M"), language)
            viewer_name = zone_label(viewer_zone)
    return ShownTime(
        moment=moment,
        newsroom=digits(text, language),
        viewer=viewer,
        viewer_zone=viewer_name,
        iso=local.isoformat(timespec="minutes"),
        day=local.date(),
    )
