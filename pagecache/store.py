"""Stored pages and the versions of what they show, in the Django cache (Redis).

A stored page remembers what it was made from: the dependency keys it
showed with the version each had when it was rendered, and the epoch
(``pagecache.freshness``). Serving it means one read for the page and its
versions; if any version differs, or the epoch has moved on, it is rendered
again. A change replaces the versions of its keys: O(1) per key, no scan or
pattern delete, for any number of app servers sharing one Redis.

A page is kept as one string of bytes (``StoredPage.pack``): a line of JSON
with the epoch, the status, the versions and the headers to replay, then the
body as it was sent. Reading it back costs a slice and a small JSON parse,
not the unpickling of a response; an entry in any other shape (one stored
before this format) is a miss, rendered and stored again.

Versions are random, never counters: a version that expired or was evicted
comes back as a new random value, so a lost version makes pages stale,
never fresh. They are integers, which Django's Redis serializer keeps as
plain digits and reads back with ``int()``: a section page checks some
twenty versions on every hit, and a pickled string cost a failed ``int()``
and an unpickling each.

A page is drawn again ``NEWSROOM_PAGE_CACHE_SECONDS`` after it was stored,
by one request: the others are answered the stored page meanwhile, as long
as nothing it showed changed (``fresh_page``). When every request drew it
again as it expired, an expensive page (a phrase search, 0.3 s) asked by
eight readers at once answered none of them for 4 to 15 seconds in the
benchmark. Everything here has a lifetime (pages twice
``NEWSROOM_PAGE_CACHE_SECONDS``, versions three times), so the cache cannot
grow without bound even without Redis's ``maxmemory``.
"""

import json
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from . import freshness
from .keys import PAGE_LAYOUT, version_name

# What every stored page starts with. A new layout takes a new
# ``PAGE_LAYOUT`` (a new name for every page); an entry of another shape
# found under a page's name anyway is a miss.
FORMAT = f"newsroom-page/{PAGE_LAYOUT}\n".encode()


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A rendered page as the cache keeps it: what a hit replays, and what it was checked against."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    versions: dict[str, int]
    epoch: int
    renew_at: float = 0.0  # when it is drawn again (seconds since the epoch); 0: by its lifetime alone

    def pack(self) -> bytes:
        meta = json.dumps([self.epoch, self.status, self.versions, self.headers, self.renew_at], separators=(",", ":"))
        return b"".join((FORMAT, meta.encode(), b"\n", self.body))

    @classmethod
    def unpack(cls, blob) -> "StoredPage | None":
        """The page in ``blob``, or ``None`` if it is not one of this format (an older entry, or damaged)."""
        if not isinstance(blob, bytes) or not blob.startswith(FORMAT):
            return None
        end = blob.find(b"\n", len(FORMAT))
        if end < 0:
            return None
        try:
            epoch, status, versions, headers, *renew_at = json.loads(blob[len(FORMAT) : end])
            renew_at = float(renew_at[0]) if renew_at else 0.0  # a page stored before pages were renewed: none
        except (ValueError, TypeError, IndexError):
            return None
        return cls(status, [tuple(header) for header in headers], blob[end + 1 :], versions, epoch, renew_at)


def new_version() -> int:
    return secrets.randbits(62)


def page_seconds() -> int:
    return max(1, int(settings.NEWSROOM_PAGE_CACHE_SECONDS))


def version_seconds() -> int:
    # Longer than any page lives (twice ``page_seconds``, renewed), so an
    # unchanged key keeps its version for as long as a page could rely on it.
    return 3 * page_seconds()


# How long one request has to draw an expired page again before another may try (it failed, or was slow).
RENEWING_SECONDS = 30
_now = time.time


def invalidate(keys: Iterable[str]) -> bool:
    """Give each key a new version, so every page that showed one is stale; ``False`` if Redis did not confirm."""
    failed = cache.set_many({version_name(key): new_version() for key in set(keys)}, timeout=version_seconds())
    return not failed


def versions(keys: Iterable[str]) -> tuple[dict[str, int | None], set[str]]:
    """The current versions of ``keys`` (by version name), and the names this call had to create."""
    names = [version_name(key) for key in keys]
    if not names:
        return {}, set()
    found = cache.get_many(names)
    missing = [name for name in names if name not in found]
    created = set()
    if missing:
        # A key never bumped gets a version now, so that a page can never
        # be taken for fresh because its version was missing both times.
        for name in missing:
            if cache.add(name, new_version(), timeout=version_seconds()):
                created.add(name)
        found.update(cache.get_many(missing))
    return {name: found.get(name) for name in names}, created


def forget_created(names: set[str]) -> None:
    """Versions made for a page that was not kept (a 404): no page relies on them, so they need not wait to expire."""
    if names:
        cache.delete_many(list(names))


# Which version names each stored page was checked against, remembered by
# this process, so that a hit reads the page and its versions in one round
# trip. Only a hint: an entry is always checked against the versions it
# stored, and a page whose keys changed costs one more round trip.
_DEPENDENCY_HINTS: dict[str, list[str]] = {}
_DEPENDENCY_HINTS_MAX = 20_000


def _remember_dependencies(name: str, names: Iterable[str]) -> None:
    if len(_DEPENDENCY_HINTS) >= _DEPENDENCY_HINTS_MAX:
        _DEPENDENCY_HINTS.clear()
    _DEPENDENCY_HINTS[name] = list(names)


def _read(names: list[str]) -> list:
    """The values of ``names`` in their order, ``None`` where missing, in one round trip."""
    read_many = getattr(cache, "read_many", None)  # Redis (newsroom.cache); local memory has get_many only
    if read_many is not None:
        return read_many(names)
    found = cache.get_many(names)
    return [found.get(name) for name in names]


def fresh_page(name: str) -> StoredPage | None:
    """The stored page ``name`` if it is of the current epoch and every version it showed is unchanged."""
    hints = _DEPENDENCY_HINTS.get(name, ())
    blob, *values = _read([name, *hints])
    page = StoredPage.unpack(blob)
    if page is None or page.epoch < freshness.current():
        return None
    found = dict(zip(hints, values, strict=True))
    unread = [version for version in page.versions if version not in found]
    if unread:
        found.update(zip(unread, _read(unread), strict=True))
        _remember_dependencies(name, page.versions)
    if any(found[version] != value for version, value in page.versions.items()):
        return None
    due = page.renew_at and _now() >= page.renew_at
    # Due to be drawn again: by this request if it is the first to see so, the stored page for the rest.
    if due and cache.add(f"{name}:renewing", 1, timeout=min(RENEWING_SECONDS, page_seconds())):
        return None
    return page


def keep(name: str, page: StoredPage) -> None:
    """Store a rendered page, to be drawn again after ``NEWSROOM_PAGE_CACHE_SECONDS`` (kept twice as long)."""
    seconds = page_seconds()
    renewed = StoredPage(page.status, page.headers, page.body, page.versions, page.epoch, _now() + seconds)
    cache.set(name, renewed.pack(), timeout=2 * seconds)
    cache.delete(f"{name}:renewing")
    _remember_dependencies(name, page.versions)
