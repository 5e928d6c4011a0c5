"""The people the security tests act as, and a client signed in as each."""

import pytest

from tests.factories import ModeratorFactory, UserFactory


@pytest.fixture
def reader(db):
    """An account without admin access: a reader who registered on the site."""
    return UserFactory(username="reader", is_staff=False)


@pytest.fixture
def inactive_moderator(db):
    """A moderator whose account was switched off: staff, in Moderators, not active."""
    return ModeratorFactory(username="departed", is_active=False)


@pytest.fixture
def superuser(db):
    return UserFactory(username="chief", is_superuser=True)


@pytest.fixture
def as_user(client):
    """Sign ``client`` in as the given user (the desk in English) and return it."""

    def sign_in(user):
        client.force_login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return sign_in
