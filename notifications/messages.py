"""Notifications put into words, in the active language, when they are shown or sent.

A notification stores what happened (the event and its details); these
functions say it in the reader's language, so a moderator reading the desk
in English and an editor reading it in Arabic each read their own.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles import editions

from .models import Event


def _headline(data: dict) -> str:
    code = (get_language() or editions.primary())[:2]
    return data.get(f"headline_{code}") or data.get(f"headline_{editions.primary()}") or data.get("headline_en") or "—"


def _when(value: str) -> str:
    moment = parse_datetime(value or "")
    if moment is None:
        return ""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def summary(notification) -> str:
    """One sentence: who did what to which story."""
    data = notification.data or {}
    values = {"actor": data.get("actor_name") or _("Someone"), "story": _headline(data)}
    event = notification.event
    if event == Event.MENTIONED:
        return _("%(actor)s mentioned you on “%(story)s”") % values
    if event == Event.COMMENTED:
        return _("%(actor)s commented on “%(story)s”") % values
    if event == Event.RETURNED:
        return _("%(actor)s returned “%(story)s” asking for changes") % values
    if event == Event.APPROVED:
        return _("%(actor)s approved and published “%(story)s”") % values
    if event == Event.SCHEDULED:
        return _("%(actor)s approved “%(story)s” to go live on %(when)s") % {**values, "when": _when(data.get("at"))}
    if event == Event.PUBLISHED:
        return _("“%(story)s” went live at its scheduled time") % values
    if event == Event.UNPUBLISHED:
        return _("%(actor)s unpublished “%(story)s”") % values
    if event == Event.CORRECTED:
        return _("%(actor)s added a correction to “%(story)s”") % values
    if event == Event.ASSIGNED:
        return _("%(actor)s assigned you “%(story)s”") % values
    if event == Event.TAKEN_OVER:
        return _("%(actor)s took over “%(story)s” from you") % values
    return _("Something happened on “%(story)s”") % values


def excerpt(notification) -> str:
    """The words behind the event (a comment, a request for changes), if any, as written."""
    return (notification.data or {}).get("text", "")


def target(notification) -> str:
    """Where the notification leads: the story (at the thread), or the budget line."""
    data = notification.data or {}
    if data.get("line_id"):
        return reverse("admin:planning_budgetline_change", args=[data["line_id"]])
    if notification.article_id:
        url = reverse("admin:articles_article_change", args=[notification.article_id])
        return url + (f"#comment-thread-{data['thread_id']}" if data.get("thread_id") else "")
    return reverse("admin:index")
