"""A story's history: every revision and every workflow move, newest first."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ... import selectors
from ...admin_site import screen_panels
from ...workflow import PUTS_LIVE, TAKES_OFF, Action, state_label
from ..forms import RestoreForm
from ..moves import move_buttons
from .base import compare_url, headline, screen_context, story_or_404

# The moves this screen offers beside the history.
HISTORY_MOVES = (Action.CORRECT, Action.UNPUBLISH, Action.UNTRASH)


def label_states(transitions) -> list:
    """``transitions`` (newest first) with ``from_label`` and ``to_label``: the states as the desk names them.

    A save of a live story leaves it live: it reads "Published → Live ·
    changes in draft", not "Published → Draft", which reads as taken down.
    Whether a version was live is followed from the oldest move on.
    """
    moves = list(transitions)
    live = False
    for move in reversed(moves):
        move.from_label = state_label(move.from_state, live=live)
        live = (live or move.action in PUTS_LIVE) and move.action not in TAKES_OFF
        move.to_label = state_label(move.to_state, live=live)
    return moves


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
        transitions=label_states(transitions),
        restore_form=RestoreForm(),
        moves=move_buttons(article, request.user, next_url=request.get_full_path(), only=HISTORY_MOVES),
        compare_url=compare_url(article),
        history_sections=screen_panels("history", request, article),
        **(extra_context or {}),
    )
    return TemplateResponse(request, model_admin.object_history_template, context)
