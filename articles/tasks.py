"""Background work, run by the task queue (django-tasks).

Tasks are thin: they call a service. Enqueue them with
``transaction.on_commit`` so a worker never sees a row before it is committed.
"""

import logging

from django_tasks import task

from . import services
from .models import Article, Image
from .services.media import renditions_ensure

logger = logging.getLogger(__name__)


@task()
def publish_due_stories() -> list[int]:
    """Publish every scheduled story whose time has come; returns their ids."""
    return [article.pk for article in services.articles_publish_due()]


@task()
def make_renditions(image_id: int) -> int:
    """Make the picture's missing renditions; returns how many were made."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None:  # deleted since the task was queued
        return 0
    try:
        made = renditions_ensure(image=image)
    except OSError:
        # An unreadable file will not become readable by retrying; the page
        # goes without the picture until someone replaces it and runs make_renditions.
        logger.exception("Could not make renditions of image %s", image_id)
        return 0
    if made:
        # Stories showing the picture went without it until now.
        from .services.library import library_refresh

        library_refresh(Image, image_id)
    return len(made)


@task()
def refresh_live_stories(article_ids: list[int]) -> int:
    """Refresh every live copy of these stories (extras, search index, cached pages); returns how many."""
    from .services.live import live_stories_refresh

    return live_stories_refresh(article_ids=article_ids)


@task()
def refresh_related_neighbours(article_id: int) -> int:
    """A story went live: the newest stories sharing its tags recompute their related stories."""
    from .services.live import related_neighbours

    article = Article.objects.live().filter(pk=article_id).first()
    if article is None:
        return 0
    return refresh_live_stories.call(related_neighbours(article))
