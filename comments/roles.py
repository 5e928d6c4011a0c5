"""What the newsroom's roles may do with comments, added to the groups ``articles.roles`` creates."""

from articles.roles import EDITORS, MODERATORS, permissions_sync

_EDITOR_PERMISSIONS = {"thread": ["view", "add"], "comment": ["view", "add"]}
_MODERATOR_PERMISSIONS = {"thread": ["view", "add", "resolve_any_thread"], "comment": ["view", "add"]}

ROLE_PERMISSIONS = {EDITORS: _EDITOR_PERMISSIONS, MODERATORS: _MODERATOR_PERMISSIONS}


def sync_groups(apps) -> None:
    """Give the groups exactly the comments permissions in the table (their others are kept)."""
    permissions_sync(apps, app_label="comments", role_permissions=ROLE_PERMISSIONS)
