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
def _held_template(count: int) -> str:
    """One condition for "holds any of ``count`` permissions": one subquery, whatever the count.

    One ``EXISTS`` with the person's own and their groups' grants side by
    side, not one per permission and way of holding it: PostgreSQL plans
    each subquery on every call, and the heartbeat's two checks written the
    other way (six subqueries) took longer to plan than to run.
    """
    user_model = get_user_model()
    permission, content_type = Permission._meta.db_table, ContentType._meta.db_table
    own = user_model._meta.get_field("user_permissions").remote_field.through._meta.db_table
    groups = user_model._meta.get_field("groups").remote_field.through._meta.db_table
    group_permissions = Group._meta.get_field("permissions").remote_field.through._meta.db_table
    named = ", ".join(["(%s, %s)"] * count)
    return (
        f"EXISTS (SELECT 1 FROM {permission} p JOIN {content_type} ct ON ct.id = p.content_type_id"
        f" WHERE (ct.app_label, p.codename) IN ({named})"
        f" AND (p.id IN (SELECT permission_id FROM {own} WHERE user_id = %s)"
        f" OR p.id IN (SELECT gp.permission_id FROM {group_permissions} gp"
        f" JOIN {groups} ug ON ug.group_id = gp.group_id WHERE ug.user_id = %s)))"
    )


def held_sql(user, perm: str) -> tuple[str, list]:
    """A SQL condition and its parameters: whether ``user`` holds ``perm`` ("app_label.codename") now."""
    return held_any_sql(user, [perm])


def held_any_sql(user, perms) -> tuple[str, list]:
    """A SQL condition and its parameters: whether ``user`` holds at least one of ``perms`` now."""
    if not user.is_active:
        return "1 = 0", []
    if user.is_superuser:
        return "1 = 1", []
    named = [part for perm in perms for part in perm.split(".", 1)]
    return _held_template(len(perms)), [*named, user.pk, user.pk]
