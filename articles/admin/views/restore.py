"""Restoring an old revision: its content copied into a new current revision (POST only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ... import services
from ..forms import RestoreForm
from .base import revision_or_404, story_or_404


def restore(model_admin, request, object_id, number):
    """Copy an old revision into a new current one (POST only); history is not rewound."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = story_or_404(model_admin, request, object_id)
    revision = revision_or_404(article, number)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("admin:articles_article_history", article.pk)
    try:
        result = services.revision_restore(
            article=article, revision=revision, user=request.user, note=form.cleaned_data.get("note", "")
        )
    except ValidationError as refusal:
        for error in refusal.messages:
            messages.error(request, error)
        return redirect("admin:articles_article_history", article.pk)
    if result.conflict:
        messages.warning(request, result.message)
    else:
        messages.success(
            request,
            _("Revision %(old)s is restored as revision %(new)s, the current one.")
            % {"old": revision.number, "new": result.revision.number},
        )
    return redirect("admin:articles_article_change", article.pk)
