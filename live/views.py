"""The reader's side of live coverage: the update channel, the entries' feed, the banner fragment.

Each is a small answer the page cache keeps (``articles.dependencies.
cacheable``) and a change forgets by key: the update channel and the feed
by the story's key, the banner by ``banners`` and by its story's key. So
however many readers poll, each change costs one render per edition.
"""

import re
import time

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.dependencies import cacheable, shows, story_key
from articles.editions import site_name

from . import public, selectors
from .keys import BANNERS

# Banner answers are kept per time bucket of this many seconds: a banner
# whose end time passed is gone from the next bucket's answer, with no job
# to purge it (a raise or a lower is purged at once by key).
BANNER_BUCKET_SECONDS = 10
_BUCKET = re.compile(r"[0-9]{1,12}")
# How long the first request after a change may take to build the update
# payload while the others wait for it, and how long a built one is kept.
UPDATES_LOCK_SECONDS = 2
UPDATES_KEPT_SECONDS = 120
# Arabic as UTF-8, not \u escapes: a third of the bytes.
UTF8 = {"ensure_ascii": False}


def banner_bucket(value: str) -> str | None:
    """A time bucket near now is a page worth keeping; any other is answered but not kept."""
    if not _BUCKET.fullmatch(value.strip()):
        return None
    bucket = int(value)
    now = int(time.time() // BANNER_BUCKET_SECONDS)
    return str(bucket) if abs(bucket - now) <= 2 else None


def _coverage_or_404(pk: int):
    coverage = selectors.coverage_of_live_story(pk)
    if coverage is None or get_language() not in coverage.article.live_languages():
        raise Http404(_("There is no live coverage at this address."))
    return coverage


@cacheable(lambda pk: [story_key(pk)])
def updates(request, pk: int):
    """What changed in a coverage lately, for readers' pages to apply: one answer for every reader.

    ``version`` is the coverage's; each change carries the entry's own
    version and its HTML in this edition (``shown`` false: take it off the
    page). A page older than ``since`` has missed changes and reloads.
    """
    coverage = _coverage_or_404(pk)
    return JsonResponse(_updates_once(coverage, get_language()), json_dumps_params=UTF8)


def _updates_once(coverage, language: str) -> dict:
    """The payload of this version, built by one request however many ask at once.

    The page cache keeps the answer until the next change; the moment after
    a change, every poll in flight misses it together. The first builds the
    payload under a short lock; the others wait for it (briefly, then build
    it themselves rather than fail), so a change costs one build per
    edition, not one per reader in flight.
    """
    key = ":".join(
        (
            "live-updates",
            str(coverage.pk),
            str(coverage.opened_at.timestamp()),
            language,
            str(coverage.version),
            str(coverage.is_open),
        )
    )
    payload = cache.get(key)
    if payload is not None:
        return payload
    if cache.add(f"{key}:lock", 1, timeout=UPDATES_LOCK_SECONDS):
        # Built by the holder of a lock just released, perhaps.
        payload = cache.get(key)
        if payload is None:
            payload = updates_payload(coverage, language)
            cache.set(key, payload, timeout=UPDATES_KEPT_SECONDS)
        cache.delete(f"{key}:lock")
        return payload
    if cache.get(f"{key}:lock") is None:  # no one holds it: Redis is down, or the holder just finished
        return cache.get(key) or updates_payload(coverage, language)
    deadline = time.monotonic() + UPDATES_LOCK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        payload = cache.get(key)
        if payload is not None:
            return payload
    return updates_payload(coverage, language)


def updates_payload(coverage, language: str) -> dict:
    since, changed = selectors.changes_since_window(coverage, language)
    changes = []
    for entry, shown in changed:
        view = public.entry_view(entry, language)
        changes.append(
            {
                "id": entry.pk,
                "version": entry.version,
                "shown": shown,
                "pinned": entry.pinned,
                "posted_at": entry.posted_at.isoformat(),
                "html": public.entry_html(view, language) if shown else "",
            }
        )
    key_events = [public.entry_view(entry, language) for entry in selectors.key_events(coverage, language)]
    return {
        "version": coverage.version,
        "since": since,
        "open": coverage.is_open,
        "changes": changes,
        "key_events": public.key_events_html(key_events, language),
    }


@cacheable(lambda: [BANNERS], parameters={"at": banner_bucket})
def banner(request):
    """The breaking-news banner over this edition's pages now, if any (fetched by every public page)."""
    language = get_language()
    found = selectors.banners_up(language)
    shows(request, *(story_key(banner.article_id) for banner in found))
    return JsonResponse(
        {
            "banners": [
                {
                    "text": selectors.banner_text(banner),
                    "url": banner.article.get_absolute_url(),
                    "ends_at": banner.ends_at.isoformat(),
                }
                for banner in found
            ]
        },
        json_dumps_params=UTF8,
    )


class EntriesFeed(Feed):
    """A live story's entries, newest first, in the edition's language (Atom)."""

    feed_type = Atom1Feed

    def get_object(self, request, pk: int):
        return _coverage_or_404(pk)

    def title(self, coverage):
        language = get_language()
        headline = getattr(coverage.article, f"headline_{language}") or coverage.article.headline_ar
        return _("%(headline)s: live updates") % {"headline": headline}

    def link(self, coverage):
        return coverage.article.get_absolute_url()

    def subtitle(self, coverage):
        return site_name(get_language())

    def items(self, coverage):
        language, url = get_language(), coverage.article.get_absolute_url()
        views = [public.entry_view(entry, language) for entry in selectors.feed_entries(coverage, language)]
        for view in views:
            view.story_url = url
        return views

    def item_title(self, entry):
        return entry.summary

    def item_description(self, entry):
        return entry.body or entry.quote

    def item_link(self, entry):
        return f"{entry.story_url}#{entry.anchor}"

    def item_pubdate(self, entry):
        return entry.posted_at

    def item_updateddate(self, entry):
        return entry.updated_at

    def item_author_name(self, entry):
        return entry.author.name if entry.author else None


feed = cacheable(lambda pk: [story_key(pk)])(EntriesFeed())
