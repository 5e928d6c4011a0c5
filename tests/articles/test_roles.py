"""The roles' groups: each app keeps exactly its own share of a group's permissions."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from articles import roles
from planning import roles as planning_roles

pytestmark = pytest.mark.django_db


def held(group_name: str, app_label: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(group.permissions.filter(content_type__app_label=app_label).values_list("codename", flat=True))


def test_the_groups_hold_exactly_each_apps_table():
    for name in (roles.EDITORS, roles.MODERATORS):
        assert held(name, "articles") == roles.codenames(roles.ROLE_PERMISSIONS[name])
        assert held(name, "planning") == roles.codenames(planning_roles.ROLE_PERMISSIONS[name])


def test_syncing_articles_roles_again_keeps_planning_s_permissions():
    roles.sync_groups(apps)
    assert held(roles.EDITORS, "planning") == roles.codenames(planning_roles.ROLE_PERMISSIONS[roles.EDITORS])


def test_a_permission_given_by_hand_to_an_app_s_share_is_taken_back_by_its_sync():
    group = Group.objects.get(name=roles.EDITORS)
    group.permissions.add(Permission.objects.get(content_type__app_label="articles", codename="approve_article"))
    roles.sync_groups(apps)
    assert "approve_article" not in held(roles.EDITORS, "articles")
