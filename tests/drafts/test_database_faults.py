"""Autosaves and saves made through the story form's script, right after PostgreSQL killed the app's connections.

The issue's measurement: 12 of 12 saves answered 500 after
``pg_terminate_backend`` on the app server's backends. Through gunicorn with
the production settings, each autosave and each save sent as the script
sends it (``X-Desk-Save``) must now go through.
"""

import pytest
from django.db import connection

from drafts.models import DraftBuffer
from tests.newsroom.test_database_faults import _story_post, database_url, terminate_other_backends
from tests.servers import app_server, production_env

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend needs PostgreSQL"),
]


@pytest.mark.parametrize("pool", ["true", "false"], ids=["connection-pool", "persistent-connections"])
def test_autosaves_and_saves_after_the_database_dropped_every_connection_go_through(pool, static_root):
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
        copy = f"{url}/admin/drafts/draftbuffer/{article.pk}/"
        for attempt in range(6):
            headline = f"Typed through a dropped connection {attempt}"
            assert terminate_other_backends() >= 1
            autosave = session.post(
                copy, data={"headline_en": headline}, headers={"X-CSRFToken": session.cookies["csrftoken"]}
            )
            outcomes.append(("autosave", autosave.status_code))
            assert DraftBuffer.objects.get(user=editor).content["headline_en"] == [headline]
            article = Article.objects.select_related("latest_revision").get(pk=article.pk)
            assert terminate_other_backends() >= 1
            save = session.post(
                change,
                data=_story_post(article, session.cookies["csrftoken"], headline),
                headers={"X-Desk-Save": "1"},
            )
            saved = article.revisions.filter(headline_en=headline).exists()
            outcomes.append(("save", save.status_code, saved, save.headers.get("Content-Type")))
    assert outcomes == [
        item for attempt in range(6) for item in (("autosave", 200), ("save", 200, True, "application/json"))
    ], outcomes
    assert not DraftBuffer.objects.exists()  # each save took the copy with it
