"""Serve a stored public page before the rest of the stack runs, and store the pages readers get.

Which views may be kept is declared in ``articles`` (``articles.dependencies.
cacheable``, an attribute on the view); this middleware reads the
declaration. A reader's request for a page already rendered needs no
session, no language negotiation, no CSRF, no authentication: it is answered
here, near the top of the middleware list, in one cache round trip.

Requests the cache cannot answer pay nothing for it: POSTs, the admin and
every view not declared cacheable, requests with a parameter the page does
not read, and signed-in staff (a session cookie) make no page-cache call at
all; staff's pages are marked ``Cache-Control: private`` and never stored.
"""

import hashlib
import logging

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control

from articles.dependencies import PageShows, navigation_version

from . import freshness, store
from .keys import NAV, page_identity, page_name, surrogate_keys

logger = logging.getLogger(__name__)

# The headers a stored page is answered with again, as it had them when it
# was stored: the view's own, the page cache's, and the framing rule the
# middleware below adds (everything above, HSTS, nosniff, the policy, is
# added to a hit on its way out). Never a cookie, never Vary.
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "ETag",
    "Last-Modified",
    "Surrogate-Key",
    "Cache-Control",
    "X-Robots-Tag",  # the sitemaps' (a hit lost it before it was stored)
    "X-Frame-Options",
)
# A request with one of these may be answered 304 (or 412).
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")
# A CDN or caching proxy in front of the site keeps pages by these keys (the
# dependency keys, in the Surrogate-Key header Fastly and Varnish's xkey
# read) and is told to drop them when they change (``pagecache.tasks``).
SURROGATE_KEY_HEADER = "Surrogate-Key"

# Which declaration answers each path, worked out once per path in this
# process (resolving an address costs about as much as serving a stored page).
_SHOWS: dict[str, PageShows | None] = {}
_SHOWS_MAX = 50_000


def declaration(path: str) -> PageShows | None:
    """What the view at ``path`` declared it shows, or ``None`` if its pages are never kept."""
    try:
        return _SHOWS[path]
    except KeyError:
        pass
    try:
        # The language prefix decides which patterns match, as it will for the view.
        with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
            view = resolve(path).func
    except Resolver404:
        view = None
    shows = getattr(view, "page_shows", None)
    if len(_SHOWS) >= _SHOWS_MAX:
        _SHOWS.clear()
    _SHOWS[path] = shows
    return shows


class _Plan:
    """What the middleware learnt of one request on the way in, to store its page on the way out."""

    __slots__ = ("name", "shows", "private", "keys", "versions", "created", "epoch")

    def __init__(self, name: str, shows: PageShows):
        self.name, self.shows = name, shows
        self.private = False
        self.keys = set()
        self.versions = None
        self.created = set()
        self.epoch = None


class PageCacheMiddleware:
    """Answer stored pages at once; store what readers are served on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not settings.NEWSROOM_PAGE_CACHE:
            return self.get_response(request)
        shows = declaration(request.path_info)
        if shows is None:
            return self.get_response(request)
        identity = page_identity(shows, request.GET)
        if identity is None:
            return self.get_response(request)
        plan = _Plan(page_name(request.get_host(), request.path, identity), shows)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            page = store.fresh_page(plan.name)
            if page is not None:
                return _served(request, page)
        request._page_cache_plan = plan
        try:
            response = self.get_response(request)
        finally:
            if plan.versions is not None:
                navigation_version.set(None)
        return self._kept(request, plan, response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        plan = getattr(request, "_page_cache_plan", None)
        if plan is None or getattr(view_func, "page_shows", None) is not plan.shows:
            return None
        # Without a session cookie nobody is signed in, and asking would
        # cost a session read on every page.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            plan.private = True
            return None
        # The versions and the epoch are read before the view reads the
        # database: a change committed while it renders makes the stored
        # page stale on the next request instead of hiding.
        plan.keys = {NAV, *plan.shows.address_keys(**view_kwargs)}
        plan.epoch = freshness.current()
        plan.versions, plan.created = store.versions(plan.keys)
        request.page_dependencies = set(plan.keys)
        # The sections are the same for as long as the navigation's version
        # and the epoch are: section_nav may answer them from memory.
        navigation_version.set((plan.epoch, plan.versions[store.version_name(NAV)]))
        return None

    def _kept(self, request, plan: _Plan, response):
        if plan.private:
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if plan.versions is None:  # the view never ran (a redirect to add a slash, say)
            return response
        versions = plan.versions
        storable = response.status_code == 200 and not response.streaming and not response.get("Cache-Control")
        if storable:
            found, created = store.versions(request.page_dependencies - plan.keys)
            versions = {**versions, **found}
            plan.created |= created
        # A version Redis did not give leaves nothing to check the page against later.
        if not storable or None in versions.values():
            store.forget_created(plan.created)
            return response
        response["ETag"] = _etag(response.content)
        response[SURROGATE_KEY_HEADER] = surrogate_keys(versions)
        _public(response)
        headers = [(name, response[name]) for name in STORED_HEADERS if name in response]
        store.keep(plan.name, store.StoredPage(response.status_code, headers, response.content, versions, plan.epoch))
        return get_conditional_response(request, etag=response["ETag"], response=response)


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _public(response: HttpResponse) -> HttpResponse:
    # Browsers and proxies may keep the page but must ask again (with the
    # ETag) each time, so an invalidated page is never served stale.
    patch_cache_control(response, public=True, no_cache=True)
    return response


def _served(request, page: store.StoredPage) -> HttpResponse:
    response = HttpResponse(page.body, status=page.status, headers=page.headers)
    response["Content-Length"] = str(len(page.body))
    if any(header in request.META for header in CONDITIONAL_HEADERS):
        return get_conditional_response(request, etag=response["ETag"], response=response)
    return response
