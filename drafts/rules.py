"""Who may keep a draft copy of a story, and what a copy holds."""

from articles import selectors
from articles.models import Article
from articles.models.content import RELATIONS, content_names
from articles.workflow import Action

# The story form's fields a draft copy keeps: every content field in both
# editions, the byline and tags, and what the save itself would carry.
FORM_NAMES = (*content_names(), *RELATIONS, "note", "english_reviewed")
# No field of the story form posts more values than this (a byline, tags).
MAX_VALUES = 500


def may_edit(user, article: Article | None) -> bool:
    """Whether ``user`` may edit ``article`` now (``None``: write a new story), as the story form decides."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    if article is None:
        return user.has_perm("articles.add_article")
    return user.has_perm("articles.change_article") and Action.SAVE in selectors.moves_for(article, user)
