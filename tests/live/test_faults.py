"""What the machines can do to live coverage: the cache refusing an invalidation, the database refusing a write."""

import pytest
from django.core.cache import cache
from django.db import DatabaseError, transaction

from live.models import Entry
from tests.live.conftest import post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _committed_at_once(monkeypatch):
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def test_an_entry_posted_while_the_cache_refuses_invalidations_still_reaches_readers(
    client, coverage, reporter, monkeypatch
):
    path = f"/ar/news/{coverage.article_id}/live/updates/"
    post(coverage, reporter, ar="<p>قديم</p>")
    assert "قديم" in client.get(path).content.decode()  # stored
    monkeypatch.setattr(cache, "set_many", lambda *args, **kwargs: (_ for _ in ()).throw(ConnectionError("Redis down")))
    entry = post(coverage, reporter, ar="<p>جديد رغم العطل</p>")  # the desk is not shown an error
    monkeypatch.undo()
    assert Entry.objects.filter(pk=entry.pk).exists()
    # The invalidation was not confirmed: no page stored before it is served again.
    assert "جديد رغم العطل" in client.get(path).content.decode()


def test_a_database_error_while_posting_leaves_no_half_entry(coverage, reporter, monkeypatch):
    from live.models import EntryRevision

    def refuse(*args, **kwargs):
        raise DatabaseError("connection dropped")

    monkeypatch.setattr(EntryRevision.objects, "create", refuse)
    with pytest.raises(DatabaseError):
        post(coverage, reporter)
    coverage.refresh_from_db()
    assert not Entry.objects.exists() and coverage.version == 0


def test_with_the_cache_down_each_poll_builds_its_answer_at_once_instead_of_waiting(
    client, coverage, reporter, monkeypatch
):
    from live import views

    post(coverage, reporter, ar="<p>أثناء العطل</p>")
    for name, miss in (
        ("get", None),
        ("get_many", {}),
        ("add", False),
        ("set", None),
        ("set_many", []),
        ("delete", False),
    ):
        monkeypatch.setattr(cache, name, lambda *args, miss=miss, **kwargs: miss)
    monkeypatch.setattr(views.time, "sleep", lambda seconds: pytest.fail("waited for a lock nobody holds"))
    for _ in range(3):
        assert "أثناء العطل" in client.get(f"/ar/news/{coverage.article_id}/live/updates/").content.decode()
