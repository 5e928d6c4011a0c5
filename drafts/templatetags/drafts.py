"""``{% autosave_panel %}``: the story form's draft copy, its status line, its restore offer and sign-in box."""

from django import template
from django.conf import settings
from django.urls import reverse

from articles.diff import diff_revisions

from .. import selectors
from ..content import DraftStory
from ..rules import may_edit
from ..views import NEW, current_revision, payload

register = template.Library()


@register.inclusion_tag("drafts/autosave_panel.html", takes_context=True)
def autosave_panel(context):
    """Everything ``autosave.js`` needs, for the story the form shows (or the one being started)."""
    request = context["request"]
    article = context.get("original")
    article = article if article is not None and article.pk else None
    user = request.user
    if not may_edit(user, article):
        return {"enabled": False}
    story = str(article.pk) if article else NEW
    head = article.latest_revision if article and article.latest_revision_id else None
    server_copy = None
    buffer = selectors.buffer_for(user=user, article=article)
    if buffer is not None and diff_revisions(current_revision(article), DraftStory(buffer.content)):
        # Only a copy that says something the story does not is offered back.
        server_copy = payload(buffer)
    url = {
        name: reverse(f"admin:drafts_draftbuffer_{name}", kwargs={"story": story})
        for name in ("copy", "discard", "compare")
    }
    return {
        "enabled": True,
        "story": story,
        "user_id": user.pk,
        "url": url,
        "session_url": reverse("admin:drafts_draftbuffer_session"),
        "login_url": reverse("admin:login"),
        "head": head,
        "server_copy": server_copy,
        "time_zone": settings.TIME_ZONE,
        "max_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE or "",
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }
