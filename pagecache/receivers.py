"""What the page cache does when ``articles`` says readers' pages changed.

``articles`` sends its signals once a change has committed; the receivers
give the keys the change touched new versions (``store.invalidate``). If
Redis does not confirm, every stored page is distrusted instead
(``freshness``): a change a reader could see must reach every app server's
readers whatever Redis did meanwhile.
"""

import logging

from django.conf import settings

from articles.dependencies import LIVE, NAV, story_key
from articles.models import Article

from . import freshness, store
from .keys import keys_for_story

logger = logging.getLogger(__name__)


def story_changed(sender, *, article_id, **kwargs) -> None:
    """``live_changed``: forget the pages the story was or is on."""
    try:
        article = _story(article_id)
    except Exception:  # the change is committed: a failing read must not become an error page
        logger.exception("Could not read what story %s is shown on", article_id)
        article = None
    forget(keys_for_story(article) if article else {story_key(article_id), LIVE})


def sections_changed(sender, **kwargs) -> None:
    """``sections_changed``: a section was added, renamed, reordered or removed; every navigation is stale."""
    forget({NAV, LIVE})


def pages_changed(sender, *, keys, **kwargs) -> None:
    """``pages_changed``: forget exactly the pages that showed ``keys``."""
    forget(set(keys))


def forget(keys: set[str]) -> None:
    """Make every page that showed ``keys`` stale, on every app server, and tell the CDN."""
    try:
        confirmed = store.invalidate(keys)
    except Exception:  # the change is committed; a cache outage must not turn it into an error page
        logger.exception("Could not invalidate cached pages for %s", sorted(keys))
        confirmed = False
    if not confirmed:
        freshness.distrust_stored_pages()
    if settings.NEWSROOM_CDN_PURGE_URL:
        # Telling a CDN takes network round trips: a task does it, so the
        # moderator's request does not wait for them.
        from .tasks import purge_cdn

        purge_cdn.enqueue(sorted(keys))


def _story(article_id: int) -> Article | None:
    """The story in any state (it may just have been unpublished), with what its pages are keyed by."""
    return Article.objects.filter(pk=article_id).select_related("section").prefetch_related("tags", "authors").first()
