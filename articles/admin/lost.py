"""A page for a save the database could not take, made without the database.

When the database cannot be reached at all, the story form cannot be drawn
(it reads the story, its revisions and the pickers' choices). This page needs
nothing but the request: it shows what the editor typed, each field in its
own box, with a button that posts it again, so no text is lost.
"""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ..services.content import content_names
from .widgets import language_attrs


def save_failed_page(request) -> HttpResponse:
    """503: the typed text, ready to post again, and why it was not saved."""
    fields = []
    for name in [*content_names(), "note"]:
        values = request.POST.getlist(name)
        language = name.rsplit("_", 1)[-1] if name.endswith(("_ar", "_en")) else None
        fields.append(
            {
                "name": name,
                "values": values,
                "attrs": language_attrs(language) if language else {"dir": "auto"},
                "long": name.startswith(("body", "standfirst")),
            }
        )
    for name in ("authors", "tags", "base_revision", "english_reviewed"):
        fields.append({"name": name, "values": request.POST.getlist(name), "hidden": True})
    html = render_to_string(
        "admin/articles/article/save_failed.html",
        {
            "fields": fields,
            "action": request.get_full_path(),
            "csrf_token": get_token(request),
            "message": _(
                "The database is not answering, so your story was not saved. Your text is below: "
                "post it again in a moment, or copy it somewhere safe."
            ),
        },
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "5"
    response["Cache-Control"] = "no-store, private"
    return response
