"""A database connection killed between requests costs the next request nothing.

Runs gunicorn with the production settings, as the site runs for readers:
once with psycopg's connection pool and once with Django's persistent
connections and health checks.
"""

import urllib.request

import psycopg
import pytest
from django.db import connection
from django.utils import translation

from tests.factories import published
from tests.servers import app_server, collected_static, production_env

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend needs PostgreSQL"),
]


def database_url() -> str:
    s = connection.settings_dict
    return f"postgresql://{s['USER']}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


def terminate_other_backends() -> int:
    """Kill every connection to the test database except this test's own."""
    s = connection.settings_dict
    connection.ensure_connection()
    mine = connection.connection.info.backend_pid
    with psycopg.connect(
        host=s["HOST"] or "localhost", port=s["PORT"] or 5432, user=s["USER"], dbname="postgres", autocommit=True
    ) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> %s AND pid <> pg_backend_pid()",
            [s["NAME"], mine],
        ).fetchall()
    return len(rows)


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the local test server
        return response.status, response.read().decode()


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    with collected_static(tmp_path_factory.mktemp("static")) as root:
        yield root


@pytest.mark.parametrize("pool", ["true", "false"], ids=["connection-pool", "persistent-connections"])
def test_the_next_request_succeeds_after_the_database_dropped_every_connection(pool, static_root, editor, moderator):
    article = published(editor, moderator)
    with translation.override("ar"):
        path = article.get_absolute_url()
    env = production_env(database_url=database_url(), static_root=static_root, DATABASE_POOL=pool)
    with app_server(env) as url:
        assert get(url + path)[0] == 200
        assert terminate_other_backends() >= 1  # the app server's open connections
        status, body = get(url + path)
    assert status == 200
    assert article.headline_ar in body
