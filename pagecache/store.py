"""Stored pages and the versions of what they show, in the Django cache (Redis).

A stored page remembers what it was made from: the dependency keys it
showed with the version each had when it was rendered, and the epoch
(``pagecache.freshness``). Serving it means one read for the page and its
versions; if any version differs, or the epoch has moved on, it is rendered
again. A change replaces the versions of its keys: O(1) per key, no scan or
pattern delete, for any number of app servers sharing one Redis.

Versions are random, never counters: a version that expired or was evicted
comes back as a new random value, so a lost version makes pages stale,
never fresh. Everything here has a lifetime (pages
``NEWSROOM_PAGE_CACHE_SECONDS``, versions twice that), so the cache cannot
grow without bound even without Redis's ``maxmemory``.
"""

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache

from . import freshness
from .keys import version_name


def page_seconds() -> int:
    return max(1, int(settings.NEWSROOM_PAGE_CACHE_SECONDS))


def version_seconds() -> int:
    # Longer than any page lives, so an unchanged key keeps its version for
    # as long as a page could rely on it.
    return 2 * page_seconds()


def invalidate(keys: Iterable[str]) -> bool:
    """Give each key a new version, so every page that showed one is stale; ``False`` if Redis did not confirm."""
    failed = cache.set_many({version_name(key): uuid.uuid4().hex for key in set(keys)}, timeout=version_seconds())
    return not failed


def versions(keys: Iterable[str]) -> tuple[dict[str, str | None], set[str]]:
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
            if cache.add(name, uuid.uuid4().hex, timeout=version_seconds()):
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


def fresh_entry(name: str) -> dict | None:
    """The stored page ``name`` if it is of the current epoch and every version it showed is unchanged."""
    found = cache.get_many([name, *_DEPENDENCY_HINTS.get(name, ())])
    entry = found.pop(name, None)
    if entry is None or entry.get("epoch", -1) < freshness.current():
        return None
    stored = entry["versions"]
    unread = [version for version in stored if version not in found]
    if unread:
        found.update(cache.get_many(unread))
        _remember_dependencies(name, stored)
    if any(found.get(version) != value for version, value in stored.items()):
        return None
    return entry


def keep(name: str, entry: dict) -> None:
    """Store a rendered page for at most ``NEWSROOM_PAGE_CACHE_SECONDS``."""
    cache.set(name, entry, timeout=page_seconds())
    _remember_dependencies(name, entry["versions"])
