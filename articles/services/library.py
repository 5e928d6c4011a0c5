"""Editing what stories are made from: sections, tags, authors and pictures.

These are plain admin edits, but readers see their names and descriptions
on every story that uses them. After a change is committed, the live stories
that show it (``live.SHOWN_ON``) get every live copy refreshed (their stored
extras, their search index, and their cached pages through ``signals``) by
``live.live_stories_refresh``, on the task queue (a popular tag can be on
thousands of stories).
"""

from functools import partial

from django.db import transaction

from ..models import Author, Image, Section, Tag
from ..signals import sections_changed
from .live import live_stories_showing


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


def library_refresh(model, pk) -> None:
    """Queue a refresh of the live stories showing the section, tag, author or picture ``pk``."""
    from ..tasks import refresh_live_stories

    stories = live_stories_showing(model, pk)
    if stories:
        refresh_live_stories.enqueue(stories)


def _refresh(model, pk) -> None:
    if model is Section:
        # Section names are in every page's navigation, and on their stories.
        sections_changed.send(sender=Section)
    library_refresh(model, pk)
