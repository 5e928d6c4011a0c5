"""Signing in with Django's users, and reading the signed-in person cheaply on every request."""

from django.contrib.auth import backends, get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connections, router

_USER_SQL: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {}


def _user_sql(model, alias: str) -> tuple[tuple[str, ...], str]:
    """The query for one user by id, written once per database from the model's table."""
    connection = connections[alias]
    key = (alias, connection.vendor)
    found = _USER_SQL.get(key)
    if found is None:
        quote = connection.ops.quote_name
        fields = tuple(field.attname for field in model._meta.concrete_fields)
        columns = ", ".join(quote(field.column) for field in model._meta.concrete_fields)
        sql = f"SELECT {columns} FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} = %s"
        found = _USER_SQL[key] = (fields, sql)
    return found


class ModelBackend(backends.ModelBackend):
    """Django's ``ModelBackend``, whose ``get_user`` runs a query written once.

    Every signed-in request reads its person (``get_user``). Built by the
    ORM that read cost more than the rest of what an open form's heartbeat
    reads (it comes every few seconds per form); the row and the checks
    made of it (``user_can_authenticate``, then Django's session hash) are
    the same.
    """

    def get_user(self, user_id):
        model = get_user_model()
        alias = router.db_for_read(model)
        fields, sql = _user_sql(model, alias)
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, [model._meta.pk.get_db_prep_value(user_id, connections[alias])])
            row = cursor.fetchone()
        if row is None:
            return None
        user = model.from_db(alias, fields, row)
        return user if self.user_can_authenticate(user) else None

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and password is not None:
            # Django's own ModelBackend follows in AUTHENTICATION_BACKENDS only
            # so that sessions signed in through it stay signed in: it must
            # not check the same password a second time.
            raise PermissionDenied
        return user
