import contextlib
import os

import pytest
from django.utils import translation


@pytest.fixture(scope="session", autouse=True)
def _public_pages_instrumented():
    """The test client lists the public pages' Jinja2 templates and contexts, as it does Django's.

    Django's test environment instruments only its own engine
    (``setup_test_environment``); ``response.templates`` and
    ``response.context`` need the ``template_rendered`` signal.
    """
    from django.test.signals import template_rendered

    from articles.jinja import PublicTemplate

    render = PublicTemplate.render

    def instrumented(self, context=None, request=None):
        context = {} if context is None else context
        html = render(self, context, request)
        template_rendered.send(sender=self, template=self, context=context)
        return html

    PublicTemplate.render = instrumented
    yield
    PublicTemplate.render = render


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
def _roles_exist(request):
    """The roles' groups exist in every test that uses the database.

    A data migration creates them; a transactional test empties the tables
    when it ends. Run in one process, pytest-django puts those tests last; on
    several workers (`make test` runs two) a worker may come to an ordinary
    test after one, so the groups are made again here, each app from its own
    ``roles`` table (articles first: it creates the groups).
    """
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None  # pytest-django has opened it
    if marked or {"db", "transactional_db"} & names:
        if not marked:  # opened first, as the test itself asks for it
            request.getfixturevalue("transactional_db" if "transactional_db" in names else "db")
        if (marked and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & names:
            # A transactional test's tables were emptied and filled again
            # (content types included, under other ids when post_migrate
            # made them anew): the process's remembered ids may be stale.
            forget_content_types()
        roles_exist()


def forget_content_types():
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def roles_exist():
    """Make the roles' groups again if a transactional test emptied the tables (see ``_roles_exist``)."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    if not Group.objects.exists():
        forget_content_types()  # the tables were emptied: the ids this process remembers are gone
        import importlib
        import importlib.util

        for app_config in apps.get_app_configs():
            if importlib.util.find_spec(f"{app_config.name}.roles") is not None:
                roles = importlib.import_module(f"{app_config.name}.roles")
                if hasattr(roles, "sync_groups"):
                    roles.sync_groups(apps)


@contextlib.contextmanager
def built_for_module(django_db_blocker):
    """The database open for a module-scoped fixture, inside a transaction rolled back after the module.

    Module fixtures are set up before ``_roles_exist`` runs for the module's
    first test, so the groups a transactional test on this worker may have
    emptied are made again here first.
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        roles_exist()
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder that is thrown away."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NEWSROOM_ORIGINALS_ROOT = tmp_path / "originals"


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """The static files as production serves them (hashed, compressed), for app servers a test starts.

    Collected once for the run: the xdist workers' temporary folders share a
    parent, where the first worker to need them collects them for all.
    """
    from tests.servers import collected_static_once

    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent
    return collected_static_once(run / "static")


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
