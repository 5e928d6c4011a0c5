"""Who may do what with comments. Comments are the desk's: never a reader's.

Anyone who works on stories (may view them in the desk and holds the
comments permission: editors, moderators) comments on any story; people
edit and delete only their own comments; a thread is resolved or reopened
by whoever started it or by a moderator.
"""

COMMENT = "comments.add_comment"
RESOLVE_ANY = "comments.resolve_any_thread"


def may_comment(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(COMMENT)
        and user.has_perm("articles.view_article")
    )


def may_change(user, comment) -> bool:
    """Edit or delete ``comment``: its author only."""
    return may_comment(user) and comment.author_id == user.pk


def may_resolve(user, thread) -> bool:
    return may_comment(user) and (thread.created_by_id == user.pk or user.has_perm(RESOLVE_ANY))
