"""1,000 readers polling a live story cost the origin one render per edition per change, not 1,000.

A bounded load test over loopback: the test's own live server (the page
cache on, in front of it as in production), 1,000 simulated readers (half
per edition) each asking for the update channel once per interval, and an
entry posted between intervals. Renders are counted in the view, not timed.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from live import services, views

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

READERS = 1000
INTERVALS = 3
CONNECTIONS = 16  # keep-alive connections the simulated readers share


def test_renders_per_interval_stay_constant_while_entries_are_posted(live_server, monkeypatch, moderator):
    from tests.factories import published

    story = published(headline_en="Summit", body_en="<p>Summit</p>")
    coverage = services.coverage_open(article=story, user=moderator)
    renders = []
    original = views.updates_payload
    monkeypatch.setattr(
        views, "updates_payload", lambda coverage, language: renders.append(language) or original(coverage, language)
    )
    sessions = [requests.Session() for _ in range(CONNECTIONS)]
    urls = [f"{live_server.url}/{('ar', 'en')[reader % 2]}/news/{story.pk}/live/updates/" for reader in range(READERS)]

    def poll(reader: int) -> int:
        answer = sessions[reader % CONNECTIONS].get(urls[reader], timeout=10)
        answer.raise_for_status()
        return answer.json()["version"]

    per_interval = []
    with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        for interval in range(INTERVALS):
            services.entry_post(
                coverage=coverage,
                user=moderator,
                body_ar=f"<p>تحديث {interval}</p>",
                body_en=f"<p>Update {interval}</p>",
            )
            renders.clear()
            versions = list(pool.map(poll, range(READERS)))
            per_interval.append(len(renders))
            assert set(versions) == {interval + 1}, "every reader got the entry just posted"
    for session in sessions:
        session.close()
    # One render per edition per interval: however many readers, the same.
    assert per_interval == [2] * INTERVALS
