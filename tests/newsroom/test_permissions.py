"""``held_sql`` and ``held_any_sql`` say what ``user.has_perm`` says, for every kind of person and every way of holding a permission."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection

from newsroom.permissions import held_any_sql, held_sql
from tests.factories import EditorFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db

PERMS = [
    "articles.change_article",
    "articles.add_article",
    "articles.approve_article",
    "auth.change_user",
    "articles.no_such_thing",
]


def _held(user, perm) -> bool:
    return _true(*held_sql(user, perm))


def _true(sql, params) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT CASE WHEN {sql} THEN 1 ELSE 0 END", params)
        return cursor.fetchone()[0] == 1


def _people():
    own = UserFactory(username="own-permission")
    own.user_permissions.add(Permission.objects.get(content_type__app_label="articles", codename="add_article"))
    both = EditorFactory(username="both-ways")
    both.user_permissions.add(Permission.objects.get(content_type__app_label="articles", codename="change_article"))
    empty_group = UserFactory(username="empty-group")
    empty_group.groups.add(Group.objects.create(name="Nothing granted"))
    return [
        EditorFactory(username="editor"),
        ModeratorFactory(username="moderator"),
        ModeratorFactory(username="departed", is_active=False),
        UserFactory(username="chief", is_superuser=True),
        UserFactory(username="fallen-chief", is_superuser=True, is_active=False),
        UserFactory(username="nobody"),
        own,
        both,
        empty_group,
    ]


def test_held_sql_agrees_with_has_perm():
    for person in _people():
        for perm in PERMS:
            fresh = type(person).objects.get(pk=person.pk)
            assert _held(fresh, perm) == fresh.has_perm(perm), (person.username, perm)


def test_held_any_sql_agrees_with_has_perm_for_any_of_several():
    pairs = [(first, second) for first in PERMS for second in PERMS if first < second]
    for person in _people():
        fresh = type(person).objects.get(pk=person.pk)
        for perms in pairs + [tuple(PERMS)]:
            assert _true(*held_any_sql(fresh, perms)) == any(fresh.has_perm(perm) for perm in perms), (
                person.username,
                perms,
            )
