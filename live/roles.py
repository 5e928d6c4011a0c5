"""What the newsroom's roles may do in live coverage, added to the groups ``articles.roles`` creates.

Editors see the coverage desk (they post there when a moderator names them
to a coverage's staff); moderators open and close coverage (a workflow
move, by ``articles.approve_article``), post, and raise banners.
"""

from articles.roles import EDITORS, MODERATORS, permissions_sync

_EDITOR_PERMISSIONS = {
    "coverage": ["view"],
    "entry": ["view"],
    "banner": ["view"],
}
_MODERATOR_PERMISSIONS = {
    **_EDITOR_PERMISSIONS,
    "coverage": ["view", "add", "change"],
    "banner": ["view", "add", "raise_banner"],
}

ROLE_PERMISSIONS = {EDITORS: _EDITOR_PERMISSIONS, MODERATORS: _MODERATOR_PERMISSIONS}


def sync_groups(apps) -> None:
    """Give the groups exactly live's permissions in the table (their other permissions are kept)."""
    permissions_sync(apps, app_label="live", role_permissions=ROLE_PERMISSIONS)
