"""Why a stored page can be trusted even when Redis lost an invalidation.

Redis keeps the pages and the versions of what they show; a change gives its
keys new versions and every page that showed them is stale at once, on every
app server (``pagecache.store``). That only holds while Redis accepts and
keeps the new versions. When it is down, hanging (SIGSTOP) or restarted from
a snapshot older than the change, the new versions are lost and the old
pages, with the old versions beside them, look fresh until their lifetime
ends: for an unpublish made for legal reasons, the worst failure there is.

So the database, where the change itself commits, holds one more number, the
*epoch* (one row, ``pagecache_state``, written with plain SQL: this app has
no models). Every stored page remembers the epoch it was rendered under, and
a page from an earlier epoch is never served. The epoch rises

- when an invalidation is not confirmed by Redis (an error, a time-out, or
  Redis known to be down): the process that made the change raises it right
  after the change committed, before anything else is served from it;
- when Redis is found restarted: its run id is kept beside the epoch, and a
  process that sees another one raises the epoch once (compare-and-set, so
  many processes noticing together raise it once). A restart that kept its
  data may have kept it from before a change; a restart that lost it costs
  nothing more.

Each process reads the epoch (and asks Redis its run id) at most once every
``NEWSROOM_PAGE_CACHE_CHECK_SECONDS`` (1 s): one primary-key read of a
one-row table, not a query per request. So a change whose invalidation Redis
lost reaches every app server's readers within that interval; the price is
that such a failure makes every stored page stale once, which is rare and
cheap next to a stale page that stays. An outbox retried until Redis
confirms was the other way considered: it keeps precision but needs a
worker running for the fix to arrive, and still needs this rule ("no page
older than a failed invalidation") for the time in between.

With the check switched off (``None``, the test settings) only this
process's own raises count: the suite's pinned query counts then measure the
pages alone, and the tests of this module switch it on.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

_clock = time.monotonic
# What this process knows: the epoch, and when it last asked the database.
_known = {"epoch": 0, "checked": float("-inf")}


def current() -> int:
    """The epoch stored pages must have reached to be served (asks the database at most once per interval)."""
    interval = settings.NEWSROOM_PAGE_CACHE_CHECK_SECONDS
    if interval is not None and _clock() - _known["checked"] >= interval:
        check()
    return _known["epoch"]


def check() -> None:
    """Read the epoch, and raise it if Redis was restarted since it was last read."""
    _known["checked"] = _clock()
    server = _redis_id()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT epoch, redis_id FROM pagecache_state WHERE id = 1")
            epoch, recorded = cursor.fetchone()
            if server and server != recorded:
                # Compare-and-set: many processes noticing at once raise it once.
                cursor.execute(
                    "UPDATE pagecache_state SET epoch = epoch + 1, redis_id = %s WHERE id = 1 AND redis_id = %s",
                    [server, recorded],
                )
                if cursor.rowcount:
                    logger.warning("Redis was restarted (run id %s): pages stored before are not served", server)
                cursor.execute("SELECT epoch FROM pagecache_state WHERE id = 1")
                (epoch,) = cursor.fetchone()
    except DatabaseError:
        # Nothing can commit while the database does not answer, so what
        # this process knew stays true; it asks again next interval.
        logger.exception("Could not read the page cache's epoch")
        return
    _known["epoch"] = max(_known["epoch"], epoch)


def distrust_stored_pages() -> None:
    """An invalidation was not confirmed: no page stored until now may be served, on any app server."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE pagecache_state SET epoch = epoch + 1 WHERE id = 1")
            cursor.execute("SELECT epoch FROM pagecache_state WHERE id = 1")
            (epoch,) = cursor.fetchone()
    except DatabaseError:
        logger.critical("Could not raise the page cache's epoch: stored pages may be stale until they expire")
        epoch = _known["epoch"] + 1
    _known["epoch"] = max(_known["epoch"] + 1, epoch)
    logger.warning("Page cache invalidation not confirmed by Redis; stored pages are stale from epoch %s", epoch)


def forget() -> None:
    """Forget what this process knew (the test suite starts each test so)."""
    _known.update(epoch=0, checked=float("-inf"))


def _redis_id() -> str | None:
    server_id = getattr(cache, "server_id", None)
    return server_id() if server_id else None
