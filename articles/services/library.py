"""Editing what stories are made from: sections, tags, authors and pictures.

These are plain admin edits, but readers see their names and descriptions
on every story that uses them. After a change is committed, the live stories
that show it get their stored bylines and tags refreshed and their cached
pages forgotten (through ``signals``), on the task queue (a popular tag can be on thousands of
stories).
"""

from functools import partial

from django.db import transaction

from ..models import Article, ArticleAuthor, ArticleTag, Author, Image, Section, Tag
from ..signals import sections_changed


def library_save(*, obj: Section | Tag | Author | Image) -> None:
    """Save an edited section, tag, author or picture, and refresh the live stories showing it."""
    obj.full_clean()
    with transaction.atomic():
        obj.save()
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


def live_stories_refresh(model, pk) -> None:
    """Queue a refresh of what the live stories showing the section, tag, author or picture ``pk`` keep of it."""
    from ..tasks import refresh_live_stories

    stories = live_stories_using(model, pk)
    if stories:
        refresh_live_stories.enqueue(stories)


def _refresh(model, pk) -> None:
    if model is Section:
        # Section names are in every page's navigation, and on their stories.
        sections_changed.send(sender=Section)
    live_stories_refresh(model, pk)
