"""Days, weeks and months as the newsroom counts them: Gregorian and Hijri side by side.

Pure functions, no ORM. The week starts on the newsroom's chosen day
(``NEWSROOM_WEEK_START``, Python's numbering: Monday 0 ... Saturday 5,
Sunday 6; Saturday by default, as in much of the Arab world). Hijri dates
are the Umm al-Qura calendar from ``hijridate``, as on the reader's pages.
"""

import calendar as gregorian_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from hijridate import Gregorian, Hijri

from articles.dates import digits, month_name

SATURDAY = 5

# Days in the Hijri year a newsroom plans around, as (month, day): label.
HIJRI_OCCASIONS = {
    (1, 1): _("Islamic New Year"),
    (1, 10): _("Ashura"),
    (9, 1): _("Ramadan begins"),
    (10, 1): _("Eid al-Fitr"),
    (12, 9): _("Day of Arafah"),
    (12, 10): _("Eid al-Adha"),
}
RAMADAN = 9

WEEKDAY_NAMES = {
    "ar": ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def week_start() -> int:
    """The newsroom's first day of the week, read at call time (Monday 0 ... Sunday 6)."""
    value = int(getattr(settings, "NEWSROOM_WEEK_START", SATURDAY))
    if not 0 <= value <= 6:
        raise ValueError(f"NEWSROOM_WEEK_START must be 0 (Monday) to 6 (Sunday), not {value}")
    return value


def first_day_of_week(day: date) -> date:
    return day - timedelta(days=(day.weekday() - week_start()) % 7)


def week_of(day: date) -> list[date]:
    """The seven days of the newsroom's week holding ``day``, from its first day."""
    start = first_day_of_week(day)
    return [start + timedelta(days=offset) for offset in range(7)]


def weekday_names(language: str) -> list[str]:
    """The names of the days in the newsroom's week order."""
    names = WEEKDAY_NAMES["ar" if language == "ar" else "en"]
    return [names[(week_start() + offset) % 7] for offset in range(7)]


def weeks_covering(first: date, last: date) -> list[list[date]]:
    """Whole newsroom weeks from the one holding ``first`` to the one holding ``last``."""
    weeks, start = [], first_day_of_week(first)
    while start <= last:
        weeks.append([start + timedelta(days=offset) for offset in range(7)])
        start += timedelta(days=7)
    return weeks


def gregorian_month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, gregorian_calendar.monthrange(year, month)[1])


def hijri_month(year: int, month: int) -> tuple[date, date]:
    """The first and last Gregorian days of a Hijri month (Umm al-Qura); ``OverflowError`` outside its range."""
    first = Hijri(year, month, 1)
    start = first.to_gregorian()
    start = date(start.year, start.month, start.day)
    return start, start + timedelta(days=first.month_length() - 1)


@dataclass(frozen=True)
class HijriDate:
    year: int
    month: int
    day: int

    def month_name(self, language: str) -> str:
        return Hijri(self.year, self.month, self.day).month_name("ar" if language == "ar" else "en")

    def label(self, language: str, *, with_year: bool = True) -> str:
        text = f"{digits(self.day, language)} {self.month_name(language)}"
        if with_year:
            text += f" {digits(self.year, language)}"
        return text

    @property
    def is_ramadan(self) -> bool:
        return self.month == RAMADAN

    @property
    def occasion(self):
        return HIJRI_OCCASIONS.get((self.month, self.day))


def to_hijri(day: date) -> HijriDate | None:
    """``day`` in the Umm al-Qura calendar, or ``None`` outside its range (1924-2077)."""
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError:
        return None
    return HijriDate(hijri.year, hijri.month, hijri.day)


def hijri_add_years(day: date, years: int) -> date | None:
    """The same Hijri day ``years`` Hijri years later (the 30th falls back to the 29th), or ``None``."""
    hijri = to_hijri(day)
    if hijri is None:
        return None
    try:
        target = Hijri(hijri.year + years, hijri.month, 1)
        length = target.month_length()
        result = Hijri(hijri.year + years, hijri.month, min(hijri.day, length)).to_gregorian()
    except OverflowError:
        return None
    return date(result.year, result.month, result.day)


def gregorian_label(day: date, language: str, *, with_year: bool = True) -> str:
    text = f"{digits(day.day, language)} {month_name(day.month, language)}"
    if with_year:
        text += f" {digits(day.year, language)}"
    return text


@dataclass(frozen=True)
class CalendarDay:
    """One day of a calendar view: its Gregorian and Hijri dates, and whether it is in the shown period."""

    day: date
    hijri: HijriDate | None
    in_period: bool
    is_today: bool

    @property
    def is_ramadan(self) -> bool:
        return bool(self.hijri and self.hijri.is_ramadan)

    @property
    def occasion(self):
        return self.hijri.occasion if self.hijri else None


def calendar_days(first: date, last: date, *, today: date) -> list[list[CalendarDay]]:
    """The weeks covering ``first``..``last`` as ``CalendarDay`` rows, for a month or a Hijri month."""
    return [
        [CalendarDay(day=d, hijri=to_hijri(d), in_period=first <= d <= last, is_today=d == today) for d in week]
        for week in weeks_covering(first, last)
    ]
