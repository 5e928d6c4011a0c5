"""Who may keep a draft copy of a story, and what a copy holds."""

from articles import selectors
from articles.models import Article
from articles.models.content import RELATIONS, content_names
from articles.workflow import MOVES, Action
from newsroom.permissions import held_sql

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


def may_edit_sql(user, article_id: int | None) -> tuple[str, list] | None:
    """``may_edit`` as a SQL condition and its parameters (``None``: refused on the person's row alone).

    The same rule, read from the same workflow table, for the autosave that
    checks it in the query that writes the copy: the story's state allows a
    save, and the person holds the permissions the save and the form need.
    """
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return None
    if article_id is None:
        return held_sql(user, "articles.add_article")
    save = MOVES[Action.SAVE]
    states = sorted(str(state.value) for state in save.sources)
    parts = [
        f"EXISTS (SELECT 1 FROM {Article._meta.db_table} WHERE id = %s AND status IN ({', '.join(['%s'] * len(states))}))"
    ]
    params = [article_id, *states]
    for perm in sorted({"articles.change_article", save.permission}):
        sql, given = held_sql(user, perm)
        parts.append(sql)
        params += given
    return " AND ".join(parts), params
