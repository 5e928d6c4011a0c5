"""The documented backup and restore bring back every story and revision."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from articles.models import Article, Revision, Transition
from tests.factories import draft, edit, published

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL (set DATABASE_URL)"),
]


def url(name: str) -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgresql://{s['USER']}{password}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"


def run(command, **env):
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True, text=True)


def test_a_dump_restores_every_story_and_revision(tmp_path, editor, moderator):
    live = published(editor, moderator)
    edit(live, editor, headline_ar="تعديل ينتظر المراجعة")
    draft(editor, headline_ar="مسودة فيها تشكيل: قُتل")
    expected = {
        "articles_article": Article.objects.count(),
        "articles_revision": Revision.objects.count(),
        "articles_transition": Transition.objects.count(),
    }
    dump = tmp_path / "newsroom.dump"
    source = connection.settings_dict["NAME"]
    target = f"{source}_restored"
    run(["tools/backup-db", str(dump)], DATABASE_URL=url(source))
    assert dump.stat().st_size > 0
    with psycopg.connect(url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        run(["tools/restore-db", str(dump)], DATABASE_URL=url(target))
        with psycopg.connect(url(target)) as restored:
            for table, count in expected.items():
                assert restored.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count, table
            headlines = {row[0] for row in restored.execute("SELECT headline_ar FROM articles_revision")}
        assert {"تعديل ينتظر المراجعة", "مسودة فيها تشكيل: قُتل", live.headline_ar} <= headlines
    finally:
        with psycopg.connect(url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
