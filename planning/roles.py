"""What the newsroom's roles may do in planning, added to the groups ``articles.roles`` creates.

Editors read the whole budget and plan in their desks' sections (the rule
itself is ``rules.Planner``); moderators also plan every section and manage
who is on which desk. Nobody deletes a budget line: it is dropped.
"""

from articles.roles import EDITORS, MODERATORS, permissions_sync

_EDITOR_PERMISSIONS = {
    "budgetline": ["view", "add", "change"],
    "event": ["view", "add", "change"],
    "deskmember": ["view"],
}
_MODERATOR_PERMISSIONS = {
    **_EDITOR_PERMISSIONS,
    "budgetline": ["view", "add", "change", "plan_any_section"],
    "deskmember": ["view", "add", "change", "delete"],
}

ROLE_PERMISSIONS = {EDITORS: _EDITOR_PERMISSIONS, MODERATORS: _MODERATOR_PERMISSIONS}


def sync_groups(apps) -> None:
    """Give the groups exactly planning's permissions in the table (their other permissions are kept)."""
    permissions_sync(apps, app_label="planning", role_permissions=ROLE_PERMISSIONS)
