"""The presence endpoints under the admin: the form's heartbeat, leaving, taking over, dismissing a notice."""

import logging
from datetime import UTC, datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.admin_site import desk_pulse, desk_pulse_reads
from articles.models import Article

from . import quiet, rules, selectors, services
from .backends import store
from .desk import panel_fingerprint, people_context
from .models import ParallelRevision

logger = logging.getLogger("presence")


def _story(request, article_id) -> Article:
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        raise Http404(_("There is no story with the ID “%(id)s”.") % {"id": article_id})
    if not rules.may_see(request.user, article):
        raise PermissionDenied
    return article


def _flag(request, name) -> bool:
    return request.POST.get(name) in ("1", "true", "on")


def _panel(request, article, *, since, present=None, pulse=None, shown="", quiet_pass="") -> JsonResponse:
    """The presence panel as JSON: drawn (``html``), or ``same`` when the form already shows it (``shown``).

    ``quiet_pass`` is given to the form for its next heartbeats (``presence.quiet``).
    """
    context = people_context(request, article, since=since, present=present)
    fingerprint = panel_fingerprint(request, context)
    answer = {"others": len(context["rows"]), "taken_over": context["taken_over"] is not None, "shown": fingerprint}
    if quiet_pass:
        answer["pass"] = quiet_pass
    if shown == fingerprint:
        answer["same"] = True
    else:
        answer["html"] = render_to_string("admin/presence/people.html", {"panel": context}, request=request)
    if pulse is not None:
        answer["pulse"] = pulse
    return JsonResponse(answer, headers={"Cache-Control": "no-store"})


@require_POST
def beat(request, article_id):
    """One heartbeat of an open form: store its state, answer with who else is there and what they did.

    The form sends the fingerprint of the panel it shows (``shown``); when
    nothing in it changed, the answer says ``same`` instead of drawing it again.

    The answer also carries the desk's pulse (``articles.admin_site.desk_pulse``:
    the notification bell's count, for one), so the form's other scripts
    need no timer of their own.

    On Redis the answer also holds a pass (``presence.quiet``): the next
    heartbeats that find nothing changed are answered before this view, at
    a fraction of its cost. The versions the pass holds are read before
    anything else, so a change that lands while this heartbeat reads is
    never taken as seen.

    The story and the person's standing on it are one query
    (``selectors.story_standing``), which also reads what the pulses need
    from the database (``desk_pulse_reads``: the bell's count). A database
    that fails answers "try again" (503), never a server error: the next
    heartbeat comes in a few seconds, and the form is untouched.
    """
    session_key = request.session.session_key
    versions = store.versions(article_id, request.user.pk) if session_key else None
    try:
        article = selectors.story_standing(article_id, request.user, also=desk_pulse_reads(request.user))
    except DatabaseError:
        logger.warning("A presence heartbeat could not reach the database; the next one will try again.")
        return JsonResponse({"error": _("Presence is unavailable for a moment.")}, status=503)
    if article is None:
        raise Http404(_("There is no story with the ID “%(id)s”.") % {"id": article_id})
    if not rules.may_see(request.user, article):
        raise PermissionDenied
    try:
        done = services.presence_beat(
            article=article,
            user=request.user,
            tab=request.POST.get("tab", ""),
            typing=_flag(request, "typing"),
            unsaved=_flag(request, "unsaved"),
        )
        quiet_pass = ""
        if versions is not None and done.digest is not None:
            quiet_pass = quiet.pass_issue(
                user_id=request.user.pk,
                article_id=article.pk,
                tab=done.tab.tab,
                session_key=session_key,
                versions=versions,
                digest=done.digest,
            )
        return _panel(
            request,
            article,
            since=datetime.fromtimestamp(done.tab.since, tz=UTC),
            present=done.present,
            pulse=desk_pulse(request, read=article.presence_standing.also),
            shown=request.POST.get("shown", ""),
            quiet_pass=quiet_pass,
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    except DatabaseError:
        logger.warning("A presence heartbeat could not reach the database; the next one will try again.")
        return JsonResponse({"error": _("Presence is unavailable for a moment.")}, status=503)


@require_POST
def leave(request, article_id):
    """The tab left the form (sent with ``navigator.sendBeacon``)."""
    article = _story(request, article_id)
    try:
        services.presence_leave(article=article, user=request.user, tab=request.POST.get("tab", ""))
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"left": True})


def _back(request, article) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("admin:articles_article_change", args=[article.pk])


def take_over(request, article_id):
    """Take the story over from whoever is editing it now (POST): recorded, and they are told."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _story(request, article_id)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        taken = services.story_take_over(article=article, by=request.user)
    except ValidationError as refusal:
        if wants_json:
            return JsonResponse({"error": " ".join(refusal.messages)}, status=409)
        messages.error(request, " ".join(refusal.messages))
        return redirect(_back(request, article))
    names = ", ".join(take_over.previous.get_full_name() or take_over.previous.get_username() for take_over in taken)
    done = _("You took the story over from %(names)s; they are told on their screen.") % {"names": names}
    if wants_json:
        return _panel(request, article, since=taken[0].created_at)
    messages.success(request, done)
    return redirect(_back(request, article))


@require_POST
def dismiss(request, pk):
    """Stop telling me about a parallel revision."""
    notice = get_object_or_404(ParallelRevision, pk=pk, user=request.user)
    services.parallel_revision_dismiss(notice=notice, user=request.user)
    return redirect(_back(request, notice.article))
