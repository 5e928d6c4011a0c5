"""Sign-in throttling: a guessed password costs the guesser, not the newsroom."""

import pytest
from django.test import override_settings

from audit.models import AuditEvent
from tests.factories import EditorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    from axes.utils import reset

    reset()
    yield
    reset()


def sign_in(client, password, address="10.1.1.1", **headers):
    return client.post(
        "/admin/login/",
        {"username": "sara", "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


def test_five_wrong_passwords_lock_out_even_the_right_one(client):
    EditorFactory(username="sara")
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, "wrong").status_code == 429  # the fifth failure locks
    response = sign_in(client, "pass", **{"accept-language": "en"})
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert b"after 5 wrong passwords. Try again in 15 minutes" in response.content
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKED_OUT, username="sara").exists()


def test_the_lockout_message_is_in_the_users_language(client):
    EditorFactory(username="sara")
    for _ in range(5):
        sign_in(client, "wrong")
    response = sign_in(client, "pass", **{"accept-language": "ar"})
    assert response.status_code == 429
    assert 'lang="ar"' in response.content.decode()
    assert "محاولات دخول فاشلة كثيرة" in response.content.decode()


def test_the_lock_is_on_the_username_and_address_together(client):
    EditorFactory(username="sara")
    for _ in range(5):
        sign_in(client, "wrong", address="10.1.1.1")
    assert sign_in(client, "pass", address="10.2.2.2").status_code == 302


def test_a_forwarded_header_is_ignored_without_a_trusted_proxy(client):
    EditorFactory(username="sara")
    for attempt in range(5):
        sign_in(client, "wrong", **{"x-forwarded-for": f"203.0.113.{attempt}"})
    assert sign_in(client, "pass", **{"x-forwarded-for": "198.51.100.9"}).status_code == 429


@override_settings(AXES_IPWARE_PROXY_COUNT=1, AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"])
def test_behind_a_trusted_proxy_clients_are_told_apart_by_the_forwarded_address(client):
    EditorFactory(username="sara")
    for _ in range(5):
        sign_in(client, "wrong", address="10.9.9.9", **{"x-forwarded-for": "203.0.113.5, 10.9.9.9"})
    assert (
        sign_in(client, "pass", address="10.9.9.9", **{"x-forwarded-for": "198.51.100.9, 10.9.9.9"}).status_code == 302
    )
    assert (
        sign_in(client, "pass", address="10.9.9.9", **{"x-forwarded-for": "203.0.113.5, 10.9.9.9"}).status_code == 429
    )


def test_a_successful_sign_in_clears_earlier_failures(client):
    EditorFactory(username="sara")
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, "pass").status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, "pass").status_code == 302
