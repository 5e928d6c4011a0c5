"""The names the page cache keeps things under, and which keys a story change touches.

Every name starts with the site's namespace, so two sites sharing one Redis
database never meet each other's pages or versions. The dependency keys
themselves (``story:42``, ``section:politics``, ``live`` ...) are
``articles.dependencies``'s vocabulary; this module only adds the change side.
"""

import hashlib
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.db import connections

from articles.dependencies import (
    LIVE,
    NAV,
    PageShows,
    archive_keys,
    author_key,
    section_key,
    story_key,
    tag_key,
)

__all__ = ["LIVE", "NAV", "keys_for_story", "namespace", "page_name", "page_identity", "version_name"]


def namespace() -> str:
    """This site's prefix: ``NEWSROOM_PAGE_CACHE_NAMESPACE``, or one derived from the database it serves.

    Two sites with their own databases get their own namespace without any
    setting; two app servers of one site (one database) share it.
    """
    if settings.NEWSROOM_PAGE_CACHE_NAMESPACE:
        return settings.NEWSROOM_PAGE_CACHE_NAMESPACE
    # By the kind of database, not its ENGINE: the pooled one (``newsroom.postgresql``) and Django's
    # own serve the same site, and a worker without the pool must purge the pages servers with it keep.
    default = connections["default"]
    database = default.settings_dict
    return _derived(
        default.vendor, str(database.get("HOST") or ""), str(database.get("PORT") or ""), str(database["NAME"])
    )


@lru_cache(maxsize=8)
def _derived(*parts: str) -> str:
    return "site-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def version_name(key: str) -> str:
    return f"{namespace()}:dep:{key}"


# The layout stored pages are kept in (``pagecache.store.StoredPage``), part
# of their names: app servers of two releases sharing one Redis during a
# deploy never read each other's pages, each only its own.
PAGE_LAYOUT = "2"


def page_name(host: str, path: str, identity: str) -> str:
    address = f"{host}{path}?{identity}"
    return f"{namespace()}:page:{PAGE_LAYOUT}:{hashlib.sha256(address.encode()).hexdigest()}"


def page_identity(shows: PageShows, query) -> str | None:
    """The canonical query of a page: only the parameters it reads, each canonical; ``None`` if it is not kept.

    ``?page=01`` and ``?page=1`` are the first page, stored once with the
    plain address; a parameter the page does not read, a value it would not
    accept (``?page=abc``) or one given twice make a page that is answered
    but never kept, so no address can make the cache grow.
    """
    parts = []
    for name in query:
        canonical = shows.parameters.get(name)
        values = query.getlist(name)
        if canonical is None or len(values) != 1:
            return None
        value = canonical(values[0])
        if value is None:
            return None
        if value:
            parts.append(f"{name}={value}")
    return "&".join(sorted(parts))


def keys_for_story(article) -> set[str]:
    """Every dependency key a change to ``article`` affects (as it is now).

    Its old section, tags and authors need no key of their own: the pages
    that listed it depend on ``story:<pk>``.
    """
    keys = {story_key(article.pk), LIVE}
    if article.section_id:
        keys.add(section_key(article.section.slug))
    keys.update(tag_key(tag.slug) for tag in article.tags.all())
    keys.update(author_key(author.slug) for author in article.authors.all())
    if article.first_published_at:
        keys.update(archive_keys(article.first_published_at))
    return keys


def surrogate_keys(version_names: Iterable[str]) -> str:
    """The ``Surrogate-Key`` header: the dependency keys without the namespace (a CDN purges by them)."""
    prefix = f"{namespace()}:dep:"
    return " ".join(sorted(name.removeprefix(prefix) for name in version_names))
