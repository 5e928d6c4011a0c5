"""Every write the newsroom makes goes through these functions.

The admin, the management commands, the tests and any future API call the
same services, so a rule holds whichever door a change comes through.
"""

from .moves import (
    article_move_record,
    article_request_changes,
    article_submit,
    article_trash,
    article_unpublish,
    article_unschedule,
    article_untrash,
    article_withdraw,
    articles_publish_due,
    correction_add,
    revision_approve,
    revision_submit,
)
from .revisions import SaveResult, article_create, revision_combine, revision_create, revision_restore

__all__ = [
    "SaveResult",
    "article_create",
    "article_move_record",
    "article_request_changes",
    "article_submit",
    "article_trash",
    "article_unpublish",
    "article_unschedule",
    "article_untrash",
    "article_withdraw",
    "articles_publish_due",
    "correction_add",
    "revision_approve",
    "revision_combine",
    "revision_create",
    "revision_restore",
    "revision_submit",
]
