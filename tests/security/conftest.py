"""The people only the security tests act as (the others are in tests/conftest.py)."""

import pytest

from tests.factories import ModeratorFactory


@pytest.fixture
def inactive_moderator(db):
    """A moderator whose account was switched off: staff, in Moderators, not active."""
    return ModeratorFactory(username="departed", is_active=False)
