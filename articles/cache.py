"""Caching the public pages, and forgetting exactly the pages a change touches.

A cached page remembers what it was made from: a list of dependency keys
(``story:42``, ``section:politics``, ``tag:iraq``, ``live`` ...) with the
version each had when the page was rendered. Serving it means one read for
the page and one ``get_many`` for those versions; if any differs, the page is
rendered again. When a story changes (``signals.live_changed``), the versions
of its keys are replaced: O(1) per key, no scan or pattern delete, and it
works for any number of app servers sharing one Redis.

Keys a page depends on come from two places: its address (known before the
view runs, so a hit never touches the database) and what the view found
(the stories it listed, declared with ``depend``), so that a story leaving a
section, a tag or a related list invalidates every page that showed it.

Signed-in staff are never served from or stored in the cache, and their
pages are marked ``Cache-Control: private``.
"""

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

PAGE_PREFIX = "page:"
VERSION_PREFIX = "dep:"
# The home page, the feeds and the sitemaps change with every story.
LIVE = "live"
# Every page shows the sections in its navigation.
NAV = "nav"
NAV_SECTIONS = "nav:sections"
# Query parameters that make a different cached page; a request with any
# other parameter is served fresh and not stored, so junk parameters cannot
# flood the cache.
CACHEABLE_PARAMETERS = {"page", "p"}  # list pages, sitemap pages


def story_key(pk) -> str:
    return f"story:{pk}"


def section_key(slug: str) -> str:
    return f"section:{slug}"


def tag_key(slug: str) -> str:
    return f"tag:{slug}"


def author_key(slug: str) -> str:
    return f"author:{slug}"


def archive_key(year: int, month: int | None = None, day: int | None = None) -> str:
    return "archive:" + "-".join(str(part) for part in (year, month, day) if part is not None)


def archive_keys(moment: datetime) -> list[str]:
    """The year, month and day archives a story first published at ``moment`` appears in."""
    local = timezone.localtime(moment)
    return [
        archive_key(local.year),
        archive_key(local.year, local.month),
        archive_key(local.year, local.month, local.day),
    ]


def story_keys(stories: Iterable) -> list[str]:
    return [story_key(story.pk) for story in stories]


def depend(request, *keys: str) -> None:
    """Declare that the page being rendered shows what ``keys`` stand for."""
    dependencies = getattr(request, "_page_dependencies", None)
    if dependencies is not None:
        dependencies.update(keys)


def invalidate(keys: Iterable[str]) -> None:
    """Give each key a new version: every page that depended on one is stale."""
    cache.set_many({VERSION_PREFIX + key: uuid.uuid4().hex for key in set(keys)}, timeout=None)


def navigation_changed() -> None:
    """A section was added, renamed, reordered or removed: every page's navigation is stale."""
    cache.delete(NAV_SECTIONS)
    invalidate({NAV, LIVE})


def keys_for_story(article) -> set[str]:
    """Every dependency key a change to ``article`` affects (as it is now)."""
    keys = {story_key(article.pk), LIVE}
    if article.section_id:
        keys.add(section_key(article.section.slug))
    keys.update(tag_key(tag.slug) for tag in article.tags.all())
    keys.update(author_key(author.slug) for author in article.authors.all())
    if article.first_published_at:
        keys.update(archive_keys(article.first_published_at))
    return keys


def on_live_changed(sender, *, article_id, **kwargs) -> None:
    """``live_changed`` receiver: forget the pages the story was or is on.

    Its old section, tags and authors need no key of their own: the pages
    that listed it depend on ``story:<pk>``.
    """
    from . import selectors

    try:
        article = selectors.article_cache_dependencies(article_id)
        keys = keys_for_story(article) if article else {story_key(article_id), LIVE}
        invalidate(keys)
    except Exception:  # the change is committed; a cache outage must not turn it into an error page
        logger.exception("Could not invalidate cached pages for story %s", article_id)
        return
    if settings.NEWSROOM_CDN_PURGE_URL:
        # Telling a CDN takes network round trips: a task does it, so the
        # moderator's request does not wait for them.
        from .tasks import purge_cdn

        purge_cdn.enqueue(sorted(keys))


def _versions(keys: Iterable[str]) -> dict[str, str]:
    names = [VERSION_PREFIX + key for key in keys]
    found = cache.get_many(names)
    missing = [name for name in names if name not in found]
    if missing:
        # A key never bumped gets a version now, so that a page can never
        # be taken for fresh because its version was missing both times.
        for name in missing:
            cache.add(name, uuid.uuid4().hex, timeout=None)
        found.update(cache.get_many(missing))
    return {name: found.get(name) for name in names}


def _signed_in(request) -> bool:
    # Without a session cookie nobody is signed in, and asking would cost a
    # database query on every cached page.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated


# A parameter longer than this is no real reader's query; such pages are not stored.
MAX_PARAMETER_LENGTH = 200


def _page_key(request, parameters: frozenset[str] | None = None) -> str | None:
    """The cache key of the page ``request`` asks for, or ``None`` if it is not to be cached.

    The key is made of the host, the path and every query parameter, so a
    request with a parameter the view does not cache on never meets a
    stored page. ``parameters`` (with ``CACHEABLE_PARAMETERS``) are those a
    view stores pages for; ``None`` when looking up, where any may appear.
    """
    if parameters is not None and set(request.GET) - (CACHEABLE_PARAMETERS | parameters):
        return None
    if any(len(value) > MAX_PARAMETER_LENGTH for value in request.GET.values()):
        return None
    query = "&".join(f"{name}={value}" for name, value in sorted(request.GET.items()))
    identity = f"{request.get_host()}{request.path}?{query}"
    return PAGE_PREFIX + hashlib.sha256(identity.encode()).hexdigest()


def _served(request, entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["Content-Length"] = str(len(entry["content"]))
    return get_conditional_response(request, etag=response["ETag"], response=_public(response))


class PageCacheMiddleware:
    """Serve a stored public page before the rest of the stack runs.

    A reader's request for a page already rendered needs no session, no
    language negotiation, no CSRF, no authentication: it is answered here,
    near the top of the middleware list, with one cache round trip. Pages
    are stored by the views' ``cached_page`` decorator, which also decides
    what may be stored. A request carrying a session cookie (an editor)
    always goes through to the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and settings.NEWSROOM_PAGE_CACHE
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            key = _page_key(request)
            entry = _fresh_entry(key) if key else None
            if entry is not None:
                return _served(request, entry)
        return self.get_response(request)


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _public(response: HttpResponse) -> HttpResponse:
    # Browsers and proxies may keep the page but must ask again (with the
    # ETag) each time, so an invalidated page is never served stale.
    patch_cache_control(response, public=True, no_cache=True)
    return response


STORED_HEADERS = ("Content-Type", "Content-Language", "ETag", "Last-Modified", "Surrogate-Key")
# A CDN or caching proxy in front of the site keeps pages by these keys (the
# same dependency keys as above, in the Surrogate-Key header Fastly and
# Varnish's xkey read) and is told to drop them when they change.
SURROGATE_KEY_HEADER = "Surrogate-Key"


# Which version keys each cached page was checked against, remembered by
# this process, so that a hit reads the page and its versions in one round
# trip. Only a hint: an entry is always checked against the versions it
# stored, and a page whose keys changed costs one more round trip.
_DEPENDENCY_HINTS: dict[str, list[str]] = {}
_DEPENDENCY_HINTS_MAX = 20_000


def _remember_dependencies(key: str, versions: dict) -> None:
    if len(_DEPENDENCY_HINTS) >= _DEPENDENCY_HINTS_MAX:
        _DEPENDENCY_HINTS.clear()
    _DEPENDENCY_HINTS[key] = list(versions)


def _fresh_entry(key: str) -> dict | None:
    """The cached page at ``key`` if every version it depends on is unchanged, else ``None``."""
    found = cache.get_many([key, *_DEPENDENCY_HINTS.get(key, ())])
    entry = found.pop(key, None)
    if entry is None:
        return None
    versions = entry["versions"]
    unread = [name for name in versions if name not in found]
    if unread:
        found.update(cache.get_many(unread))
        _remember_dependencies(key, versions)
    if any(found.get(name) != version for name, version in versions.items()):
        return None
    return entry


def cached_page(address_keys: Callable[..., Iterable[str]], *, parameters: Iterable[str] = ()):
    """Cache an anonymous public view; ``address_keys(**kwargs)`` are its URL-derived dependencies.

    ``parameters`` are query parameters that make a different page of this
    view (besides ``page``), such as the search page's ``q``.
    """
    parameters = frozenset(parameters)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or not settings.NEWSROOM_PAGE_CACHE:
                return view(request, *args, **kwargs)
            if _signed_in(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, no_cache=True)
                return response
            key = _page_key(request, parameters)
            if key is None:
                return view(request, *args, **kwargs)
            # Stored pages are served by PageCacheMiddleware; here the page
            # is rendered and stored. The versions of the address's keys are
            # read before the view reads the database: a change committed
            # while it renders makes the stored page stale on the next
            # request instead of hiding.
            keys = {NAV, *address_keys(**kwargs)}
            before = _versions(keys)
            request._page_dependencies = set(keys)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if response.status_code != 200 or response.streaming or response.get("Cache-Control"):
                return response
            found = request._page_dependencies - keys
            versions = {**before, **_versions(found)}
            response["ETag"] = _etag(response.content)
            # Set on the way out by LocaleMiddleware, which a stored page skips.
            response.setdefault("Content-Language", get_language())
            response[SURROGATE_KEY_HEADER] = " ".join(sorted(name.removeprefix(VERSION_PREFIX) for name in versions))
            entry = {
                "status": response.status_code,
                "content": response.content,
                "headers": [(name, response[name]) for name in STORED_HEADERS if name in response],
                "versions": versions,
            }
            cache.set(key, entry, timeout=settings.NEWSROOM_PAGE_CACHE_SECONDS)
            _remember_dependencies(key, versions)
            return get_conditional_response(request, etag=response["ETag"], response=_public(response))

        return wrapper

    return decorator
