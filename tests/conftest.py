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
    """Each test starts with an empty cache (Redis keeps keys between tests).

    The page cache's epoch lives in the database, which each test starts
    afresh, so what this process knew of it is forgotten too.
    """
    from django.core.cache import cache

    from pagecache import freshness

    freshness.forget()
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


@pytest.fixture
def reader(db):
    """An account without admin access: a reader who registered on the site."""
    from tests.factories import UserFactory

    return UserFactory(username="reader", is_staff=False)


@pytest.fixture
def superuser(db):
    from tests.factories import UserFactory

    return UserFactory(username="chief", is_superuser=True)


@pytest.fixture
def as_user(client):
    """Sign ``client`` in as the given user and return it (the desk in English)."""

    def sign_in(user):
        client.force_login(user)
        # Tests read the desk in English; the site's default is Arabic.
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return sign_in
