"""iCalendar (RFC 5545) feeds of planned coverage, written by hand.

The format needs little: CRLF line ends, lines folded at 75 octets without
splitting a UTF-8 character, and text values with backslash, semicolon,
comma and newline escaped. Times are written in UTC (``...Z``), so no
VTIMEZONE is needed; a repeating event is written as one VEVENT per
occurrence in the feed's window, already placed in its own time zone.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

PRODID = "-//Al-Khabar newsroom//Planning//EN"


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, continuation lines starting with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    pieces, current, size, limit = [], [], 0, 75
    for character in line:
        width = len(character.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space counts
        current.append(character)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class Entry:
    """One VEVENT: timed (``start``/``end`` aware) or all-day (``day``)."""

    uid: str
    summary: str
    start: datetime | None = None
    end: datetime | None = None
    day: date | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    categories: str = ""
    status: str = "CONFIRMED"  # or TENTATIVE, CANCELLED


def calendar(*, name: str, entries: Iterable[Entry], now: datetime) -> str:
    """The whole VCALENDAR as text with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    stamp = utc_stamp(now)
    for entry in entries:
        lines += ["BEGIN:VEVENT", f"UID:{entry.uid}", f"DTSTAMP:{stamp}"]
        if entry.start is not None:
            lines.append(f"DTSTART:{utc_stamp(entry.start)}")
            lines.append(f"DTEND:{utc_stamp(entry.end or entry.start + timedelta(minutes=30))}")
        else:
            lines.append(f"DTSTART;VALUE=DATE:{entry.day:%Y%m%d}")
            lines.append(f"DTEND;VALUE=DATE:{entry.day + timedelta(days=1):%Y%m%d}")
        lines.append(f"SUMMARY:{escape_text(entry.summary)}")
        if entry.description:
            lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
        if entry.location:
            lines.append(f"LOCATION:{escape_text(entry.location)}")
        if entry.categories:
            lines.append(f"CATEGORIES:{escape_text(entry.categories)}")
        if entry.url:
            lines.append(f"URL:{entry.url}")
        lines += [f"STATUS:{entry.status}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
