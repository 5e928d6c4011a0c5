"""A database connection killed between requests costs the next request nothing.

Runs gunicorn with the production settings, as the site runs for readers:
once with psycopg's connection pool and once with Django's persistent
connections and health checks.
"""

import threading
import time
import urllib.request

import psycopg
import pytest
from django.db import connection
from django.utils import translation

from tests.factories import published
from tests.servers import app_server, production_env

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


# --- Saves while the database drops the app's connections --------------------------------


def _story_post(article, csrf, headline):
    from tests.articles.admin.helpers import story_post

    revision = article.latest_revision
    data = story_post(revision, base=revision, headline_en=headline)
    data["csrfmiddlewaretoken"] = csrf
    return data


@pytest.mark.parametrize("pool", ["true", "false"], ids=["connection-pool", "persistent-connections"])
def test_saves_while_the_database_drops_connections_keep_the_editors_text(pool, static_root):
    """Twelve saves, each made right after PostgreSQL killed the app server's connections.

    Each either saves (the dropped connection was noticed and replaced before
    the save used it) or comes back as the form with the text typed and a
    message: never a 500 page that loses the text.
    """
    import requests

    from articles.models import Article
    from tests.factories import EditorFactory, draft
    from tests.newsroom.test_multi_server import account, sign_in

    editor = account(EditorFactory, "nadia")
    article = draft(editor)
    env = production_env(database_url=database_url(), static_root=static_root, DATABASE_POOL=pool)
    outcomes = []
    with app_server(env, workers=1) as url:
        session = requests.Session()
        session.headers["Accept-Language"] = "en"
        sign_in(session, url, "nadia")
        change = f"{url}/admin/articles/article/{article.pk}/change/"
        for attempt in range(12):
            article = Article.objects.select_related("latest_revision").get(pk=article.pk)
            assert session.get(change).status_code == 200
            headline = f"Saved through a dropped connection {attempt}"
            assert terminate_other_backends() >= 1
            response = session.post(change, data=_story_post(article, session.cookies["csrftoken"], headline))
            if response.status_code == 200 and article.revisions.filter(headline_en=headline).exists():
                outcomes.append("saved")
            elif response.status_code == 200 and headline in response.text and "database" in response.text:
                outcomes.append("form")
            else:
                outcomes.append(response.status_code)
    assert set(outcomes) <= {"saved", "form"}, outcomes
    assert outcomes.count("saved") == 12, outcomes  # a dropped idle connection is replaced before the save


class KillInTransaction(threading.Thread):
    """Terminate the app's connection inside a save's transaction, every time.

    The thread holds a SHARE lock on the revisions table, so the save's INSERT
    waits for it half-way through its transaction; the waiting connection is
    terminated, then the lock let go. Polling for a fast INSERT instead missed
    some saves on a busy machine.
    """

    def __init__(self, exclude: set[int]):
        super().__init__(daemon=True)
        self.exclude, self.killed = exclude, 0
        self.stop, self.locked = threading.Event(), threading.Event()

    def run(self):
        s = connection.settings_dict
        where = {"host": s["HOST"] or "localhost", "port": s["PORT"] or 5432, "user": s["USER"]}
        with (
            psycopg.connect(**where, dbname=s["NAME"]) as locker,
            psycopg.connect(**where, dbname="postgres", autocommit=True) as admin,
        ):
            locker.execute('LOCK TABLE "articles_revision" IN SHARE MODE')
            self.locked.set()
            give_up = time.monotonic() + 30  # a save that never waits is let through, and the count tells
            while not self.stop.is_set() and not self.killed and time.monotonic() < give_up:
                rows = admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                    "AND pid <> ALL(%s) AND pid <> pg_backend_pid() AND xact_start IS NOT NULL "
                    "AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO \"articles_revision\"%%'",
                    [s["NAME"], list(self.exclude)],
                ).fetchall()
                self.killed += len(rows)
                time.sleep(0.005)
            locker.rollback()


@pytest.mark.parametrize("pool", ["true", "false"], ids=["connection-pool", "persistent-connections"])
def test_a_save_whose_connection_drops_half_way_comes_back_as_the_form_with_the_text(pool, static_root):
    """The connection is killed inside the save's transaction: the form comes back with the text and why."""
    import requests

    from articles.models import Article
    from tests.factories import EditorFactory, draft
    from tests.newsroom.test_multi_server import account, sign_in

    editor = account(EditorFactory, "nadia")
    article = draft(editor)
    env = production_env(database_url=database_url(), static_root=static_root, DATABASE_POOL=pool)
    outcomes, kills = [], 0
    connection.ensure_connection()
    mine = {connection.connection.info.backend_pid}
    with app_server(env, workers=1) as url:
        session = requests.Session()
        session.headers["Accept-Language"] = "en"
        sign_in(session, url, "nadia")
        change = f"{url}/admin/articles/article/{article.pk}/change/"
        for attempt in range(12):
            article = Article.objects.select_related("latest_revision").get(pk=article.pk)
            assert session.get(change).status_code == 200
            headline = f"Typed while the database fell over {attempt}"
            killer = KillInTransaction(mine)
            killer.start()
            assert killer.locked.wait(10)
            response = session.post(change, data=_story_post(article, session.cookies["csrftoken"], headline))
            killer.stop.set()
            killer.join()
            kills += killer.killed
            saved = article.revisions.filter(headline_en=headline).exists()
            if response.status_code == 200 and saved:
                outcomes.append("saved")
            elif response.status_code == 200 and headline in response.text and "nothing was saved" in response.text:
                outcomes.append("form")
            else:
                outcomes.append(response.status_code)
    assert kills == 12, kills  # every save really lost its connection half-way
    assert set(outcomes) <= {"saved", "form"}, outcomes
