"""What each public page shows, declared as plain data.

A page says which things it shows (a story, a section, the site's newest
stories, the navigation ...) as dependency keys such as ``story:42`` or
``section:politics``, and which query parameters make it a different page.
Whoever keeps copies of pages (the ``pagecache`` app, a CDN through the
``Surrogate-Key`` header) reads these declarations; nothing here caches
anything, and ``articles`` never imports the cache. A leaf module: it
imports nothing of the newsroom's.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import wraps

from django.utils import timezone

# The home page, the feeds and the sitemaps change with every story.
LIVE = "live"
# Every page shows the sections in its navigation.
NAV = "nav"


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


# Query parameter values: a function takes the value a reader sent and
# answers its canonical form, "" for "the same page as without it", or None
# for "not a page worth keeping" (the view still answers it).

_PAGE_NUMBER = re.compile(r"[0-9]{1,6}")
# A parameter longer than this is no real reader's query.
MAX_PARAMETER_LENGTH = 200


def page_number(value: str) -> str | None:
    """A list's page number: ``1`` (or ``01``) is the first page, anything but a positive number is not kept."""
    value = value.strip()
    if not _PAGE_NUMBER.fullmatch(value) or int(value) < 1:
        return None
    return "" if int(value) == 1 else str(int(value))


def search_words(value: str) -> str | None:
    """A search query, its spacing made canonical; a very long one is not kept."""
    words = " ".join(value.split())
    return words if len(words) <= MAX_PARAMETER_LENGTH else None


@dataclass(frozen=True)
class PageShows:
    """What a cacheable view shows before it runs: its address's keys and the parameters it reads."""

    address_keys: Callable[..., Iterable[str]]
    parameters: Mapping[str, Callable[[str], str | None]] = field(default_factory=dict)


def cacheable(address_keys: Callable[..., Iterable[str]], *, parameters: Mapping | None = None):
    """Mark a public view as one a reader's copy of may be kept.

    ``address_keys(**kwargs)`` are the keys known from the address alone (so
    a stored page can be checked before the view runs); the view adds what
    it found with ``shows``. ``parameters`` maps each query parameter the
    view reads to its canonical form (``page_number``, ``search_words``); a
    request with any other parameter is answered but never kept. The view
    itself is not changed: the declaration is an attribute, ``page_shows``.
    """
    declaration = PageShows(address_keys=address_keys, parameters=dict(parameters or {}))

    def decorator(view):
        @wraps(view)
        def declared(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        declared.page_shows = declaration
        return declared

    return decorator


def shows(request, *keys: str) -> None:
    """Declare that the page being rendered shows what ``keys`` stand for (a no-op when nobody listens)."""
    found = getattr(request, "page_dependencies", None)
    if found is not None:
        found.update(keys)


# Set by whoever keeps copies of pages, for the length of one page's
# rendering: a value that changes whenever the sections may have changed
# (the navigation's version). While it is unchanged, ``section_nav`` may
# answer from memory; unset, the sections are read.
navigation_version: ContextVar[object | None] = ContextVar("navigation_version", default=None)
