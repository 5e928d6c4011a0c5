import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """Tests read messages in English unless they switch language themselves.

    The site's default is Arabic; requests made through the test client
    still choose their language from the URL or the browser's header.
    """
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (Redis keeps keys between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder that is thrown away."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NEWSROOM_ORIGINALS_ROOT = tmp_path / "originals"


@pytest.fixture
def editor(db):
    from tests.factories import EditorFactory

    return EditorFactory(username="editor")


@pytest.fixture
def moderator(db):
    from tests.factories import ModeratorFactory

    return ModeratorFactory(username="moderator")


@pytest.fixture
def second_moderator(db):
    from tests.factories import ModeratorFactory

    return ModeratorFactory(username="moderator2")
