"""The page cache's background work, run by the task queue (django-tasks)."""

import logging
import urllib.request

from django.conf import settings
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def purge_cdn(keys: list[str]) -> int:
    """Ask the CDN or caching proxy in front of the site to drop pages tagged with ``keys``.

    One request to ``NEWSROOM_CDN_PURGE_URL`` with the keys in a header
    (``Surrogate-Key`` for Fastly, ``xkey-purge`` for Varnish's xkey), in
    batches the header can carry. Returns the HTTP status of the last answer.
    """
    status = 0
    for start in range(0, len(keys), 100):
        request = urllib.request.Request(
            settings.NEWSROOM_CDN_PURGE_URL,
            method=settings.NEWSROOM_CDN_PURGE_METHOD,
            headers={settings.NEWSROOM_CDN_PURGE_HEADER: " ".join(keys[start : start + 100])},
        )
        if settings.NEWSROOM_CDN_PURGE_TOKEN:
            request.add_header("Authorization", f"Bearer {settings.NEWSROOM_CDN_PURGE_TOKEN}")
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - operator-configured URL
            status = response.status
    logger.info("CDN purged %s keys (status %s)", len(keys), status)
    return status
