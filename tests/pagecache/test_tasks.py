"""The CDN in front of the site is told which pages to drop, by the page cache's task."""

import pytest
from django.core.management import call_command

from articles import services
from tests.factories import submitted

# The worker closes database connections between tasks, as it should in
# production; so these tests commit for real instead of running in a
# transaction that would be closed under them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class PurgeRecorder:
    """A stand-in CDN: records the purge requests it receives."""

    def __init__(self):
        import http.server
        import threading

        self.requests = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 - the HTTP method's name
                recorder.requests.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/purge"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cdn(settings):
    recorder = PurgeRecorder()
    settings.NEWSROOM_CDN_PURGE_URL = recorder.url
    yield recorder
    recorder.close()


def test_publishing_asks_the_cdn_to_drop_the_story_pages(cdn, editor, moderator):
    article = submitted(editor)
    services.revision_approve(article=article, revision=article.review_revision, user=moderator)
    assert len(cdn.requests) == 1
    method, path, headers = cdn.requests[0]
    assert (method, path) == ("PURGE", "/purge")
    keys = headers["xkey-purge"].split()
    assert f"story:{article.pk}" in keys and "live" in keys and "section:politics" in keys


def test_the_cdn_purge_waits_for_the_worker_when_tasks_are_queued(cdn, settings, editor, moderator):
    settings.TASKS = QUEUED
    article = submitted(editor)
    services.revision_approve(article=article, revision=article.review_revision, user=moderator)
    assert cdn.requests == []  # the moderator's request did not call the CDN
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert len(cdn.requests) == 1


def test_cached_pages_carry_their_surrogate_keys(client, editor, moderator):
    from django.utils import translation

    article = submitted(editor)
    services.revision_approve(article=article, revision=article.review_revision, user=moderator)
    article.refresh_from_db()
    with translation.override("ar"):
        url = article.get_absolute_url()
    keys = client.get(url)["Surrogate-Key"].split()
    assert f"story:{article.pk}" in keys
    assert client.get(url)["Surrogate-Key"].split() == keys  # the same when served from the cache
