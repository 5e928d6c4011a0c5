"""The pooled PostgreSQL engine lends a connection without a round trip, and never one PostgreSQL closed."""

import select
import time

import psycopg
import pytest
from django.db import connection

from newsroom.postgresql import base

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the pooled engine is PostgreSQL's"),
]


def _connect() -> psycopg.Connection:
    s = connection.settings_dict
    return psycopg.connect(
        host=s["HOST"] or "localhost", port=s["PORT"] or 5432, user=s["USER"], dbname=s["NAME"], autocommit=True
    )


def _terminate(pid: int) -> None:
    with _connect() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def _said_so(victim: psycopg.Connection) -> None:
    """Wait (at most a second) until what PostgreSQL sent on closing ``victim`` has arrived."""
    select.select([victim.fileno()], [], [], 1.0)


def test_a_healthy_connection_is_lent_without_asking_postgresql(monkeypatch):
    asked = []
    monkeypatch.setattr(base.ConnectionPool, "check_connection", staticmethod(asked.append))
    with _connect() as healthy:
        assert base.closed_while_idle(healthy) is False
    assert asked == []


def test_a_connection_whose_backend_was_terminated_is_seen_closed():
    with _connect() as victim:
        _terminate(victim.info.backend_pid)
        _said_so(victim)
        assert base.closed_while_idle(victim) is True


def test_a_message_waiting_on_a_healthy_connection_is_checked_the_full_way_and_passes():
    with _connect() as listening, _connect() as other:
        listening.execute("LISTEN newsroom_test")
        other.execute("NOTIFY newsroom_test")
        _said_so(listening)
        assert base.closed_while_idle(listening) is False
        assert listening.execute("SELECT 1").fetchone() == (1,)


def test_a_closed_connection_is_seen_closed():
    victim = _connect()
    victim.close()
    assert base.closed_while_idle(victim) is True


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_pool_replaces_every_connection_postgresql_closed_and_lends_a_working_one():
    """As after a restart: every connection the pool holds was closed while idle."""
    settings = {
        **connection.settings_dict,
        "ENGINE": "newsroom.postgresql",
        "CONN_HEALTH_CHECKS": False,
        "CONN_MAX_AGE": 0,
        "OPTIONS": {**connection.settings_dict["OPTIONS"], "pool": {"min_size": 2, "max_size": 3}},
    }
    pooled = base.DatabaseWrapper(settings, alias="pooled")
    try:
        held = []
        for _ in range(3):  # the pool's every connection, each given back
            pooled.ensure_connection()
            held.append(pooled.connection.info.backend_pid)
            pooled.close()
        for pid in set(held):
            _terminate(pid)
        time.sleep(0.2)
        with pooled.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            lent = cursor.fetchone()[0]
        assert lent not in held
    finally:
        pooled.close()
        pooled.close_pool()


def test_production_pools_with_this_engine_and_drops_djangos_round_trip():
    from tests.newsroom.test_settings import _load_production_settings

    show = 'settings.DATABASES["default"]["ENGINE"], settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]'
    common = {"SECRET_KEY": "k" * 64, "ALLOWED_HOSTS": "news.example.com", "DATABASE_URL": "postgres://root@db/news"}
    pooled = _load_production_settings(show, **common)
    assert pooled.returncode == 0, pooled.stderr
    assert pooled.stdout.strip() == "newsroom.postgresql False"
    # Without the pool, Django's persistent connections keep Django's own check.
    unpooled = _load_production_settings(show, DATABASE_POOL="false", **common)
    assert unpooled.stdout.strip() == "newsroom.postgresql True"


@pytest.mark.django_db
def test_a_prepared_statement_is_kept_on_the_connection_and_logged_like_any_query():
    from django.test.utils import CaptureQueriesContext

    sql = "SELECT %s::int + 1, %s::text"
    with CaptureQueriesContext(connection) as queries:
        assert connection.execute_prepared(sql, [41, "خبر"]) == [(42, "خبر")]
        assert connection.execute_prepared(sql, [1, "news"]) == [(2, "news")]
    assert len(queries) == 2 and "SELECT" in queries[0]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::int + 1%%'")
        assert cursor.fetchone() == (1,)  # one statement, run twice
    # Django's own cursors still bind on the client and prepare nothing.
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::int * 2", [21])
        cursor.execute("SELECT %s::int * 2", [21])
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%%* 2%%'")
        assert cursor.fetchone() == (0,)


def test_a_write_is_lent_a_connection_postgresql_answered_and_a_read_one_its_socket_vouches_for(monkeypatch):
    """A read that loses its connection is answered again (``newsroom.database``); a write cannot be."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from newsroom.database import RetryReadsOnLostConnectionMiddleware, may_answer_again

    seen = []
    middleware = RetryReadsOnLostConnectionMiddleware(lambda request: seen.append(may_answer_again()) or HttpResponse())
    for method in ("get", "head", "post", "put", "delete"):
        middleware(getattr(RequestFactory(), method)("/"))
    assert seen == [True, True, False, False, False]
    assert may_answer_again() is False  # outside a request (commands, tasks): asked the full way

    asked = []
    monkeypatch.setattr(base.ConnectionPool, "check_connection", staticmethod(asked.append))
    with _connect() as healthy:
        assert base.closed_while_idle(healthy) is False and asked == []
        assert base.closed_while_idle(healthy, ask=True) is False and asked == [healthy]


@pytest.mark.django_db
def test_with_prepared_statements_turned_off_the_query_runs_as_any_other(settings):
    settings.NEWSROOM_PREPARED_STATEMENTS = False
    assert connection.execute_prepared("SELECT %s::int * 3, 'off'", [5]) == [(15, "off")]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%%* 3, ''off''%%'")
        assert cursor.fetchone() == (0,)
