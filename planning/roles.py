"""What the newsroom's roles may do in planning, added to the groups ``articles.roles`` creates.

Editors read the whole budget and plan in their desks' sections (the rule
itself is ``rules.Planner``); moderators also plan every section and manage
who is on which desk. Nobody deletes a budget line: it is dropped.
"""

from articles.roles import EDITORS, MODERATORS

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


def codenames(table: dict[str, list[str]]) -> set[str]:
    return {verb if "_" in verb else f"{verb}_{model}" for model, verbs in table.items() for verb in verbs}


def sync_groups(apps) -> None:
    """Give the groups exactly planning's permissions in the table (their other permissions are kept)."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("planning")
    app_config.models_module = True  # make create_permissions work during migrate
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, table in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = codenames(table)
        permissions = list(Permission.objects.filter(content_type__app_label="planning", codename__in=wanted))
        missing = wanted - {permission.codename for permission in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group.permissions.remove(*group.permissions.filter(content_type__app_label="planning"))
        group.permissions.add(*permissions)
