"""A read whose database connection dropped half-way is answered again, once, on a new one."""

import pytest
from django import db

from articles import views
from tests.factories import published

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("error", ["OperationalError", "InterfaceError"])
def test_a_read_whose_connection_drops_half_way_is_answered_again(client, monkeypatch, error):
    story = published(headline_en="Answered again")
    original = views.selectors.article_live_detail
    calls = []

    def drops_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise getattr(db, error)("server closed the connection unexpectedly")
        return original(*args, **kwargs)

    monkeypatch.setattr(views.selectors, "article_live_detail", drops_once)
    client.raise_request_exception = False  # the test client would re-raise the first try's error
    response = client.get(f"/en/news/{story.pk}/{story.slug}/")
    assert response.status_code == 200
    assert "Answered again" in response.content.decode()
    assert len(calls) == 2


def test_a_read_is_tried_again_only_once(client, monkeypatch):
    story = published(headline_en="Still down")
    calls = []

    def always_drops(*args, **kwargs):
        calls.append(1)
        raise db.OperationalError("the database is down")

    monkeypatch.setattr(views.selectors, "article_live_detail", always_drops)
    client.raise_request_exception = False
    assert client.get(f"/en/news/{story.pk}/{story.slug}/").status_code == 500
    assert len(calls) == 2


def test_a_write_is_never_tried_again(client, monkeypatch, editor):
    from articles import services

    calls = []

    def drops(**kwargs):
        calls.append(1)
        raise db.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "article_submit", drops)
    client.force_login(editor)
    client.raise_request_exception = False
    from tests.factories import draft

    article = draft(editor)
    client.post(f"/admin/articles/article/{article.pk}/move/submit/", {"submit-revision": article.latest_revision_id})
    assert len(calls) <= 1
