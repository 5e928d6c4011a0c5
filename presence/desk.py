"""What presence adds to the desk, through the admin site's extension points (see ``PresenceConfig.ready``)."""

import hashlib
from datetime import datetime

from django.conf import settings
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import rules, selectors
from .backends import Tab

# How often an open form beats, in seconds: others see a change within it.
BEAT_SECONDS = 4


def beat_seconds() -> float:
    return getattr(settings, "NEWSROOM_PRESENCE_BEAT_SECONDS", BEAT_SECONDS)


def people_context(request, article, *, since: datetime | None, present: list[Tab] | None = None) -> dict:
    """What the presence panel shows ``request.user`` on ``article``'s form, for a tab open since ``since``.

    ``since`` is ``None`` while the form is drawn: a tab not yet open has
    not been taken over. ``present`` is every tab open on the story, when
    the caller has just read them (the heartbeat); otherwise they are read.
    """
    user = request.user
    # Read with the story by the heartbeat: what cannot concern this person is not asked.
    standing = getattr(article, "presence_standing", None)
    if standing is not None and standing.user_id != user.pk:
        standing = None
    people = (
        selectors.present_people(article.pk, exclude_user_id=user.pk)
        if present is None
        else selectors.people_of(present, exclude_user_id=user.pk)
    )
    taken_from = (
        selectors.taken_over_by(article.pk, user.pk, since=min(person.since for person in people))
        if people and (standing is None or standing.took_over)
        else set()
    )
    rows = [{"person": person, "taken_by_me": person.user_id in taken_from} for person in people]
    active = [row["person"] for row in rows if row["person"].active and not row["taken_by_me"]]
    told = since is not None and (standing is None or standing.taken_over_from)
    return {
        "article": article,
        "rows": rows,
        "active": active,
        "may_take_over": bool(active) and rules.may_edit(user, article),
        "taken_over": selectors.taken_over_from(article.pk, user.pk, since=since) if told else None,
        "parallel": (
            list(selectors.parallel_revisions_for(user, article_id=article.pk))
            if standing is None or standing.parallel
            else []
        ),
        "take_over_url": reverse("admin:presence_take_over", args=[article.pk]),
        "next_url": request.get_full_path(),
    }


def panel_fingerprint(request, panel: dict) -> str:
    """What the drawn panel would say, in a few characters: the same fingerprint, the same panel.

    Most heartbeats find the panel as it was ("No one else has this story
    open", or the same people in the same states), so the form sends back
    the fingerprint of the panel it shows and gets no new drawing when it
    still holds. Everything the template prints is in it: the person and
    their language and time zone, each person's row, the notices and their
    times, the addresses, and the CSRF secret the take-over form is signed
    with (a new sign-in changes it, and the form then needs a new one).
    """
    taken = panel["taken_over"]
    parts = (
        request.user.pk,
        get_language(),
        timezone.get_current_timezone_name(),
        request.META.get("CSRF_COOKIE", ""),
        tuple(_row_shown(row) for row in panel["rows"]),
        tuple(person.user_id for person in panel["active"]),
        panel["may_take_over"],
        (taken.pk, taken.created_at.isoformat(), taken.by_id) if taken else None,
        tuple((notice.pk, notice.revision_id, notice.overtaken_id) for notice in panel["parallel"]),
        panel["take_over_url"],
        panel["next_url"],
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


def _row_shown(row: dict) -> tuple:
    """What the panel prints of one person's row."""
    person = row["person"]
    return (person.user_id, person.name, person.since.isoformat(), person.typing, person.unsaved, row["taken_by_me"])


def form_panel(request, article):
    """The presence panel on the story form, drawn at once so the notice comes before any typing."""
    if not rules.may_see(request.user, article):
        return None
    return {
        **people_context(request, article, since=None),
        "beat_url": reverse("admin:presence_beat", args=[article.pk]),
        "leave_url": reverse("admin:presence_leave", args=[article.pk]),
        "beat_ms": int(beat_seconds() * 1000),
    }


def history_section(request, article):
    """The story's take-overs, on its history screen."""
    return {"take_overs": list(selectors.story_take_overs(article.pk))}


def editing_marks(request, articles) -> dict[int, list[str]]:
    """On the stories list and the review queue: who else has each story open now."""
    if not articles:
        return {}
    found = selectors.editing_now([article.pk for article in articles], exclude_user_id=request.user.pk)
    marks = {}
    for pk, people in found.items():
        editing = [person.name for person in people if person.active]
        open_only = [person.name for person in people if not person.active]
        texts = []
        if editing:
            texts.append(_("Being edited by %(names)s") % {"names": get_text_list(editing, _("and"))})
        if open_only:
            texts.append(_("Open by %(names)s") % {"names": get_text_list(open_only, _("and"))})
        marks[pk] = texts
    return marks


def parallel_panel(request):
    """The desk panel "Parallel revisions": colleagues' texts kept beside mine after a conflict."""
    notices = list(selectors.parallel_revisions_for(request.user)[:20])
    if not notices:
        return None
    return {"notices": notices, "next_url": request.get_full_path()}


def admin_urls(site) -> list:
    from . import views

    return [
        path("presence/<int:article_id>/beat/", site.admin_view(views.beat), name="presence_beat"),
        path("presence/<int:article_id>/leave/", site.admin_view(views.leave), name="presence_leave"),
        path("presence/<int:article_id>/take-over/", site.admin_view(views.take_over), name="presence_take_over"),
        path("presence/parallel/<int:pk>/dismiss/", site.admin_view(views.dismiss), name="presence_dismiss"),
    ]
