"""One workflow move on a story (POST only): what happened, or why it was refused."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.translation import gettext as _

from ... import selectors
from ...workflow import Action
from ..moves import MOVE_KINDS, move_form, move_make
from .base import next_url, story_or_404


def move(model_admin, request, object_id, action):
    """Make one workflow move (POST only); say what happened, or why it was refused."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = story_or_404(model_admin, request, object_id)
    try:
        action = Action(action)
    except ValueError:
        raise Http404(_("There is no such move.")) from None
    if action not in MOVE_KINDS:
        raise Http404(_("There is no such move."))
    back = next_url(request, article)
    blocked = [offer for offer in selectors.move_offers(article, request.user, [action]) if not offer.allowed]
    if blocked:
        # The action area drew this move disabled; say why, as it did. (The
        # service judges every other move again when it is made.)
        for reason in blocked[0].reasons:
            messages.error(request, reason)
        return HttpResponseRedirect(back)
    form = move_form(action, article, data=request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return HttpResponseRedirect(back)
    try:
        messages.success(request, move_make(action, article, request.user, form))
    except ValidationError as refusal:
        for error in refusal.messages:
            messages.error(request, error)
    return HttpResponseRedirect(back)
