"""The newsroom's roles as Django groups, and the permissions each holds.

Read by the data migration that creates the groups; changing a role means
changing this table and adding a migration that calls ``sync_groups`` again.
"""

EDITORS = "Editors"
MODERATORS = "Moderators"

_EDITOR_PERMISSIONS = {
    "article": ["view", "add", "change", "submit", "trash"],
    "revision": ["view"],
    "transition": ["view"],
    "correction": ["view"],
    "image": ["view", "add", "change"],
    "section": ["view"],
    "tag": ["view", "add"],
    "author": ["view"],
}
_MODERATOR_PERMISSIONS = {
    **_EDITOR_PERMISSIONS,
    "article": [*_EDITOR_PERMISSIONS["article"], "approve", "unpublish"],
    "correction": ["view", "add"],
    "tag": ["view", "add", "change"],
    "author": ["view", "add", "change"],
}

ROLE_PERMISSIONS = {EDITORS: _EDITOR_PERMISSIONS, MODERATORS: _MODERATOR_PERMISSIONS}


def codenames(table: dict[str, list[str]]) -> set[str]:
    """The codenames a table names: ``verb_model``, or a verb that is a whole codename already."""
    return {verb if "_" in verb else f"{verb}_{model}" for model, verbs in table.items() for verb in verbs}


def permissions_sync(apps, *, app_label: str, role_permissions: dict[str, dict[str, list[str]]]) -> None:
    """Give each group exactly ``app_label``'s permissions in its table, creating the groups as needed.

    Only that app's permissions are replaced, so the apps built on articles
    (planning, ...) can each keep their own share of the same groups.
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # make create_permissions work during migrate
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, table in role_permissions.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = codenames(table)
        permissions = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=wanted))
        missing = wanted - {permission.codename for permission in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group.permissions.remove(*group.permissions.filter(content_type__app_label=app_label))
        group.permissions.add(*permissions)


def sync_groups(apps) -> None:
    """Create the groups and give them exactly articles' permissions in the table."""
    permissions_sync(apps, app_label="articles", role_permissions=ROLE_PERMISSIONS)
