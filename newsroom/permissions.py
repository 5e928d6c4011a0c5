"""A permission check folded into a query, for the endpoints an open form calls every few seconds.

``user.has_perm`` costs two queries the first time in a request (the
person's own permissions, then their groups'). The draft copy and the
presence heartbeat make one query anyway; ``held_sql`` lets that query carry
the same check as a condition, so a refusal and an answer cost the same.
It is SQL written once, not built by the ORM on every call: building the
nested ``Exists`` took most of an autosave's time.

It says what ``django.contrib.auth.backends.ModelBackend`` says (the only
backend that grants permissions here: axes' only refuses sign-ins): an
active superuser holds every permission, an inactive person none, anyone
else those given to them or to one of their groups.
``tests/newsroom/test_permissions.py`` holds the two side by side.
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType


@cache
def _held_template() -> str:
    user_model = get_user_model()
    permission, content_type = Permission._meta.db_table, ContentType._meta.db_table
    own = user_model._meta.get_field("user_permissions").remote_field.through._meta.db_table
    groups = user_model._meta.get_field("groups").remote_field.through._meta.db_table
    group_permissions = Group._meta.get_field("permissions").remote_field.through._meta.db_table
    named = (
        f"FROM {permission} p JOIN {content_type} ct ON ct.id = p.content_type_id "
        "WHERE ct.app_label = %s AND p.codename = %s"
    )
    return (
        f"(EXISTS (SELECT 1 {named} AND p.id IN (SELECT permission_id FROM {own} WHERE user_id = %s))"
        f" OR EXISTS (SELECT 1 {named} AND p.id IN (SELECT gp.permission_id FROM {group_permissions} gp"
        f" JOIN {groups} ug ON ug.group_id = gp.group_id WHERE ug.user_id = %s)))"
    )


def held_sql(user, perm: str) -> tuple[str, list]:
    """A SQL condition and its parameters: whether ``user`` holds ``perm`` ("app_label.codename") now."""
    if not user.is_active:
        return "1 = 0", []
    if user.is_superuser:
        return "1 = 1", []
    app_label, codename = perm.split(".", 1)
    return _held_template(), [app_label, codename, user.pk, app_label, codename, user.pk]
