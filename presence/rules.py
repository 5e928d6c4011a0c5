"""Who may see and take over whom: the desk's own rules, read from articles' workflow table."""

from articles import selectors
from articles.workflow import Action


def may_see(user, article) -> bool:
    """Whoever may see the story in the desk may see who else has it open."""
    return (
        user.is_active
        and user.is_staff
        and (user.has_perm("articles.view_article") or user.has_perm("articles.change_article"))
    )


def may_edit(user, article) -> bool:
    """Taking a story over is for those the workflow lets save it now."""
    return may_see(user, article) and Action.SAVE in selectors.moves_for(article, user)
