"""Dates on the desk as the public site writes them: "١ ديسمبر ٢٠٢٦، ١٤:٠٥" in the Arabic desk.

Django's own screens take the order and punctuation from ``newsroom.formats``;
the newsroom's screens use these, which also write the Arabic desk's digits
as the Arabic pages do (``articles.dates``), and say "just now" rather than
"0 minutes ago".
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import dates

# Under a minute, a save is "just now"; past a day, the date says more than "3 days ago".
JUST_NOW = timedelta(minutes=1)
RECENT = timedelta(days=1)


def _language() -> str:
    return "ar" if (get_language() or "").startswith("ar") else "en"


def desk_when(moment: datetime | None) -> str:
    """The local date and time in the desk's language: "١ ديسمبر ٢٠٢٦، ١٤:٠٥" or "1 December 2026, 14:05"."""
    if moment is None:
        return ""
    language = _language()
    comma = "، " if language == "ar" else ", "
    return f"{dates.gregorian(moment, language)}{comma}{dates.clock(moment, language)}"


def desk_ago(moment: datetime | None, *, now: datetime | None = None) -> str:
    """How long ago, for the last day ("just now", "منذ ٥ دقائق"); the date for anything older."""
    if moment is None:
        return ""
    now = now or timezone.now()
    language = _language()
    if now - moment < JUST_NOW:
        return _("just now")
    if now - moment >= RECENT:
        return dates.gregorian(moment, language)
    return dates.digits(_("%(when)s ago") % {"when": timesince(moment, now, depth=1)}, language)
