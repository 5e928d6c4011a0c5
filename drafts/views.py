"""The story form's draft-copy endpoints, behind the admin's sign-in (see ``DraftBufferAdmin.get_urls``).

Each works on the signed-in person's own copy only: no address names another
person's copy, and each refuses a story they may not edit now. They answer
JSON for ``static/newsroom_admin/autosave.js``; an expired session is sent to
the sign-in page by the admin, which the script recognises.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError, connections, router
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles import selectors as articles_selectors
from articles.admin.compare import change_rows
from articles.dates import clock
from articles.diff import diff_revisions
from articles.models import Article, Revision

from . import selectors, services
from .content import DraftStory
from .models import DraftBuffer
from .rules import FORM_NAMES, may_edit

NEW = "new"


def _story(request, story: str) -> Article | None:
    """The story the address names (``None`` for a new one), if the person may edit it."""
    article = None
    if story != NEW:
        if not story.isdigit():
            raise Http404
        article = Article.objects.select_related("latest_revision").filter(pk=int(story)).first()
        if article is None:
            raise Http404
    if not may_edit(request.user, article):
        raise PermissionDenied
    return article


def _refused(error) -> JsonResponse:
    if isinstance(error, PermissionDenied):
        return JsonResponse({"error": _("You cannot edit this story.")}, status=403)
    return JsonResponse({"error": " ".join(error.messages)}, status=400)


def payload(buffer) -> dict:
    """A draft copy as the story form's script reads it."""
    story = DraftStory(buffer.content)
    return {
        "values": buffer.content,
        "labels": story.labels(),
        "base_revision": buffer.base_revision_id,
        "base_number": buffer.base_revision.number if buffer.base_revision else None,
        "updated_at": buffer.updated_at.isoformat(),
        "time": clock(buffer.updated_at, get_language()),
    }


def _posted_values(request) -> dict[str, list[str]]:
    return {name: request.POST.getlist(name) for name in FORM_NAMES if name in request.POST}


def _base_revision(article: Article | None, value: str) -> Revision | None:
    if article is None or not value.isdigit():
        return None
    return Revision.objects.filter(article=article, pk=int(value)).first()


@require_http_methods(["GET", "POST"])
def draft_copy(request, story: str):
    """GET: the person's draft copy of the story (or ``null``); POST: keep the form's fields as it."""
    try:
        if request.method == "POST" and (kept_at := _resave(request, story)) is not None:
            return _kept(kept_at)
        article = _story(request, story)
        if request.method == "GET":
            buffer = selectors.buffer_for(user=request.user, article=article)
            return JsonResponse({"copy": payload(buffer) if buffer else None})
        buffer = services.buffer_save(
            user=request.user,
            article=article,
            content=_posted_values(request),
            base_revision=_base_revision(article, request.POST.get("base_revision", "")),
        )
    except (PermissionDenied, ValidationError) as error:
        return _refused(error)
    except (OperationalError, InterfaceError):
        # The connection died under the write: the script keeps the text in
        # the browser and tries again; the next request gets a new connection.
        connections[router.db_for_write(DraftBuffer)].close()
        return JsonResponse(
            {"error": _("The database is not answering: your text is kept in this browser.")}, status=503
        )
    return _kept(buffer.updated_at)


def _resave(request, story: str):
    """The usual autosave, in one query (``services.buffer_resave``); ``None`` to take the long way."""
    if story != NEW and not _an_id(story):
        return None
    base = request.POST.get("base_revision", "")
    return services.buffer_resave(
        user=request.user,
        article_id=None if story == NEW else int(story),
        content=_posted_values(request),
        base_revision_id=int(base) if _an_id(base) and story != NEW else None,
    )


def _an_id(value: str) -> bool:
    # Digits a database key can hold: a longer number is no story's, and the long way says so.
    return value.isdigit() and len(value) <= 18


def _kept(moment) -> JsonResponse:
    return JsonResponse({"updated_at": moment.isoformat(), "time": clock(moment, get_language())})


@require_POST
def discard(request, story: str):
    """Throw the person's draft copy of the story away."""
    try:
        article = _story(request, story)
    except PermissionDenied as error:
        return _refused(error)
    return JsonResponse({"discarded": services.buffer_discard(user=request.user, article=article)})


@require_http_methods(["GET", "POST"])
def compare(request, story: str):
    """What differs between the story's current revision and a draft copy, drawn as compare draws it.

    GET compares the person's draft copy kept on the server; POST compares
    the fields posted (the copy kept in their browser).
    """
    try:
        article = _story(request, story)
    except PermissionDenied as error:
        return _refused(error)
    if request.method == "POST":
        values = _posted_values(request)
    else:
        buffer = selectors.buffer_for(user=request.user, article=article)
        if buffer is None:
            return JsonResponse({"changes": 0, "html": ""})
        values = buffer.content
    head = current_revision(article)
    rows = change_rows(diff_revisions(head, DraftStory(values)))
    html = render_to_string("drafts/compare.html", {"rows": rows, "head": head}, request=request)
    return JsonResponse({"changes": len(rows), "html": html})


def current_revision(article: Article | None) -> Revision | None:
    if article is None or article.latest_revision_id is None:
        return None
    return articles_selectors.desk_revision(article, article.latest_revision.number)


@require_GET
def session(request):
    """A fresh CSRF token for the signed-in person (after a sign-in, or when the form's token went stale)."""
    return JsonResponse({"csrf_token": get_token(request), "user": request.user.pk})
