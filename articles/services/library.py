"""Editing what stories are made from: sections, tags, authors and pictures.

These are plain admin edits, but readers see their names and descriptions
on every story that uses them. After a change is committed, the live stories
that show it get their stored bylines and tags refreshed and their cached
pages invalidated, on the task queue (a popular tag can be on thousands of
stories).
"""

from functools import partial

from django.db import transaction

from ..models import Article, ArticleAuthor, ArticleTag, Author, Image, Section, Tag


def library_save(*, obj: Section | Tag | Author | Image) -> None:
    """Save an edited section, tag, author or picture, and refresh the live stories showing it.

    A picture whose focal point moved has its crops made again around it.
    """
    obj.full_clean()
    with transaction.atomic():
        focal_point_moved = isinstance(obj, Image) and (
            Image.objects.filter(pk=obj.pk).values_list("focal_x", "focal_y").first() != (obj.focal_x, obj.focal_y)
        )
        obj.save()
        if focal_point_moved:
            from .media import crops_remake

            crops_remake(image=obj)
        transaction.on_commit(partial(_refresh, type(obj), obj.pk))


def library_delete(*, obj: Section | Tag | Author | Image) -> None:
    """Delete an unused section, tag, author or picture (stories protect the ones they use)."""
    model, pk = type(obj), obj.pk
    with transaction.atomic():
        obj.delete()
        transaction.on_commit(partial(_refresh, model, pk))


def live_stories_using(model, pk) -> list[int]:
    """The live stories that show the section, tag, author or picture ``pk`` (a section: its stories)."""
    live = Article.objects.live()
    if model is Author:
        ids = ArticleAuthor.objects.filter(author_id=pk, article__in=live).values_list("article_id", flat=True)
    elif model is Tag:
        ids = ArticleTag.objects.filter(tag_id=pk, article__in=live).values_list("article_id", flat=True)
    elif model is Image:
        ids = live.filter(lead_image_id=pk).values_list("pk", flat=True)
    elif model is Section:
        ids = live.filter(section_id=pk).values_list("pk", flat=True)
    else:
        return []
    return list(ids)


def _refresh(model, pk) -> None:
    from .. import cache
    from ..tasks import refresh_live_stories

    if model is Section:
        # Section names are in every page's navigation, and on their stories.
        cache.navigation_changed()
    stories = live_stories_using(model, pk)
    if stories:
        refresh_live_stories.enqueue(stories)
