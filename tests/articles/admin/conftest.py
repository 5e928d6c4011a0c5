"""People only the desk's tests act as (the others are in tests/conftest.py)."""

import pytest

from tests.factories import EditorFactory, UserFactory


@pytest.fixture
def inactive_editor(db):
    return EditorFactory(username="gone", is_active=False)


@pytest.fixture
def staff_without_roles(db):
    """Staff with no newsroom group: may sign in to the admin, may not read stories."""
    return UserFactory(username="intern")
