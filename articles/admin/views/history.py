"""A story's history: every revision and every workflow move, newest first."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ... import selectors
from ...admin_site import story_panels
from ...workflow import Action
from ..forms import RestoreForm
from ..moves import move_buttons
from .base import compare_url, headline, screen_context, story_or_404

# The moves this screen offers beside the history.
HISTORY_MOVES = (Action.CORRECT, Action.UNPUBLISH, Action.UNTRASH)


def history(model_admin, request, object_id, extra_context=None):
    """Every revision and every move of a story, newest first."""
    article = story_or_404(model_admin, request, object_id)
    revisions, transitions = selectors.article_history(article)
    context = screen_context(
        model_admin,
        request,
        article,
        title=_("History of “%(story)s”") % {"story": headline(article)},
        may_restore=Action.RESTORE in selectors.moves_for(article, request.user),
        revisions=revisions,
        transitions=transitions,
        restore_form=RestoreForm(),
        moves=move_buttons(article, request.user, next_url=request.get_full_path(), only=HISTORY_MOVES),
        compare_url=compare_url(article),
        story_panels=story_panels("history", request, article),
        **(extra_context or {}),
    )
    return TemplateResponse(request, model_admin.object_history_template, context)
