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
    return {f"{verb}_{model}" for model, verbs in table.items() for verb in verbs}


def sync_groups(apps) -> None:
    """Create the groups and give them exactly the permissions in the table."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("articles")
    app_config.models_module = True  # make create_permissions work during migrate
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, table in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = codenames(table)
        permissions = list(Permission.objects.filter(content_type__app_label="articles", codename__in=wanted))
        missing = wanted - {permission.codename for permission in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group.permissions.set(permissions)
