"""Dates as readers of each edition expect them.

Arabic pages print Arabic month names and Arabic-Indic digits (as CLDR's
``ar`` locale does), with the Hijri date beside the Gregorian one; English
pages print "28 January 2024". Times are the newsroom's local time
(``TIME_ZONE``); ``<time datetime>`` carries the exact machine value.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.functional import cached_property
from hijridate import Gregorian

from .links import link

ARABIC_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def digits(value, language: str) -> str:
    """``value`` as text with the digits of ``language`` (Arabic-Indic for Arabic)."""
    text = str(value)
    return text.translate(ARABIC_DIGITS) if language == "ar" else text


def month_name(month: int, language: str) -> str:
    return (ARABIC_MONTHS if language == "ar" else ENGLISH_MONTHS)[month - 1]


def gregorian(moment: datetime, language: str) -> str:
    """The local date, for example "٢٨ يناير ٢٠٢٤" or "28 January 2024"."""
    local = timezone.localtime(moment)
    return f"{digits(local.day, language)} {month_name(local.month, language)} {digits(local.year, language)}"


def hijri(moment: datetime, language: str) -> str:
    """The local date in the Hijri (Umm al-Qura) calendar, or "" outside its range."""
    local = timezone.localtime(moment)
    try:
        date = Gregorian(local.year, local.month, local.day).to_hijri()
    except OverflowError:
        return ""
    lang = "ar" if language == "ar" else "en"
    return f"{digits(date.day, language)} {date.month_name(lang)} {digits(date.year, language)} {date.notation(lang)}"


def clock(moment: datetime, language: str) -> str:
    """The local time of day, 24-hour ("١٤:٠٥" or "14:05")."""
    return digits(timezone.localtime(moment).strftime("%H:%M"), language)


class ReaderDate:
    """A moment as a page prints it, with its machine-readable value.

    Only what a page prints is worked out: a list of stories prints the
    date alone, not the time, the Hijri date or the archive's address.
    """

    def __init__(self, moment: datetime, language: str):
        self.moment = moment
        self.language = language
        self.local = timezone.localtime(moment)

    @cached_property
    def iso(self) -> str:
        return self.local.isoformat(timespec="seconds")

    @cached_property
    def date(self) -> str:
        return gregorian(self.moment, self.language)

    @cached_property
    def time(self) -> str:
        return clock(self.moment, self.language)

    @cached_property
    def hijri(self) -> str:
        return hijri(self.moment, self.language) if self.language == "ar" else ""

    @cached_property
    def archive_url(self) -> str:
        local = self.local
        return link("articles:archive_day", year=local.year, month=local.month, day=local.day)

    def __str__(self):
        return self.date


def reader_date(moment: datetime | None, language: str) -> ReaderDate | None:
    """Everything a page prints about ``moment`` in ``language``."""
    if moment is None:
        return None
    return ReaderDate(moment, language)
