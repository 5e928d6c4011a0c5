"""Who may see and take over whom: the desk's own rules, read from articles' workflow table.

Each rule is also written as SQL (``may_see_sql``, ``edit_perm_sql``) for
the heartbeat, which reads the story and the person's standing on it in one
query (``selectors.story_standing``) and leaves the answer on the story it
read: the rules below then answer from it, for that person only.
"""

from articles import selectors
from articles.workflow import MOVES, Action
from newsroom.permissions import held_any_sql, held_sql

SEE = ("articles.view_article", "articles.change_article")


def _standing(user, article):
    standing = getattr(article, "presence_standing", None)
    return standing if standing is not None and standing.user_id == user.pk else None


def may_see(user, article) -> bool:
    """Whoever may see the story in the desk may see who else has it open."""
    if (standing := _standing(user, article)) is not None:
        return standing.may_see
    return user.is_active and user.is_staff and any(user.has_perm(perm) for perm in SEE)


def may_edit(user, article) -> bool:
    """Taking a story over is for those the workflow lets save it now."""
    if (standing := _standing(user, article)) is not None:
        return standing.may_see and standing.may_edit
    return may_see(user, article) and Action.SAVE in selectors.moves_for(article, user)


def may_see_sql(user) -> tuple[str, list]:
    """``may_see`` as a SQL condition and its parameters."""
    if not user.is_active or not user.is_staff:
        return "1 = 0", []
    return held_any_sql(user, SEE)


def edit_perm_sql(user) -> tuple[str, list]:
    """The permission ``may_edit`` asks of the workflow's save, as a SQL condition (the state is read apart)."""
    return held_sql(user, MOVES[Action.SAVE].permission)


def may_edit_in(state, user, edit_perm: bool) -> bool:
    """``may_edit`` from the story's state and whether the person holds the save's permission."""
    return bool(edit_perm) and state in MOVES[Action.SAVE].sources
