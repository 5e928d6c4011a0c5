"""Signing in, and the signed-in person read on every request by ``newsroom.auth.ModelBackend``."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, authenticate
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from newsroom.auth import ModelBackend
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db


def desk(client):
    return client.get(reverse("admin:index"))


def test_the_signed_in_person_is_read_with_one_query_and_is_whole(client, django_assert_num_queries):
    editor = EditorFactory(first_name="ليلى")
    client.force_login(editor)
    assert client.session[BACKEND_SESSION_KEY] == "newsroom.auth.ModelBackend"
    user = ModelBackend().get_user(editor.pk)
    assert (user.pk, user.username, user.first_name, user.password) == (
        editor.pk,
        editor.username,
        "ليلى",
        editor.password,
    )
    assert user.is_staff and user.has_perm("articles.change_article")
    with django_assert_num_queries(1):
        assert ModelBackend().get_user(editor.pk).pk == editor.pk
    assert ModelBackend().get_user(editor.pk + 1000) is None


def test_a_deactivated_or_repassworded_person_is_signed_out_at_the_next_request(client):
    for change in ("deactivate", "password"):
        editor = EditorFactory()
        client.force_login(editor)
        assert desk(client).status_code == 200
        if change == "deactivate":
            editor.is_active = False
            editor.save()
        else:
            editor.set_password("a-new-long-password")
            editor.save()
        assert desk(client).status_code == 302, change


def test_signing_in_names_the_newsrooms_backend_and_a_wrong_password_is_checked_once(client, monkeypatch):
    editor = EditorFactory()
    editor.set_password("the-right-password")
    editor.save()
    checked = []
    verify = MD5PasswordHasher.verify

    def counted(self, password, encoded):
        checked.append(password)
        return verify(self, password, encoded)

    monkeypatch.setattr(MD5PasswordHasher, "verify", counted)
    assert authenticate(username=editor.username, password="wrong") is None
    assert checked == ["wrong"]
    assert authenticate(username=editor.username, password="the-right-password").backend == (
        "newsroom.auth.ModelBackend"
    )


def test_a_session_signed_in_through_djangos_own_backend_stays_signed_in(client):
    editor = EditorFactory()
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    assert desk(client).status_code == 200
