"""People at the desk, and a client signed in as each of them."""

import pytest

from tests.factories import EditorFactory, UserFactory


@pytest.fixture
def reader(db):
    """An account without admin access: a reader who registered on the site."""
    return UserFactory(username="reader", is_staff=False)


@pytest.fixture
def inactive_editor(db):
    return EditorFactory(username="gone", is_active=False)


@pytest.fixture
def superuser(db):
    return UserFactory(username="chief", is_superuser=True)


@pytest.fixture
def staff_without_roles(db):
    """Staff with no newsroom group: may sign in to the admin, may not read stories."""
    return UserFactory(username="intern")


@pytest.fixture
def as_user(client):
    """Sign ``client`` in as the given user and return it."""

    def sign_in(user):
        client.force_login(user)
        # Tests read the desk in English; the site's default is Arabic.
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return sign_in
