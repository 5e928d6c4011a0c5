"""Editing what stories are made from: sections, tags, authors and pictures.

These are plain admin edits, but readers see their names and descriptions
on every story that uses them. After a change is committed, the live stories
that show it (``live.SHOWN_ON``) get every live copy refreshed (their stored
extras, their search index, and their cached pages through ``signals``) by
``live.live_stories_refresh``, on the task queue (a popular tag can be on
thousands of stories).
"""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .. import workflow
from ..editions import languages
from ..models import Author, Image, Section, Tag
from ..signals import sections_changed
from .live import live_stories_showing

# Whose names and descriptions are editorial text: what a live page prints
# of them (a section's, tag's or author's name, an author's biography) is
# read by readers as the newsroom's own words, like a headline.
EDITORIAL_TEXT = {Section: ("name",), Tag: ("name",), Author: ("name", "bio")}


def library_save(*, obj: Section | Tag | Author | Image, user=None) -> None:
    """Save an edited section, tag, author or picture, and refresh the live stories showing it.

    Readers see only text a moderator approved. A picture's words reach a
    live story only with the story's next approved revision (see
    ``live.live_extras_write``), so anyone who may edit pictures may fix
    them. A section's, tag's or author's name or biography has no revision
    to wait in: it is printed on every live story showing it at once. So
    changing that text, once a live story shows it, takes a moderator's
    right to approve (``articles.approve_article``), whoever the admin lets
    edit the object; new objects, and ones no live story shows yet, need
    only the right to change them. ``user`` is None for the system
    (commands, the demo loader), which answers to no one.
    """
    if user is not None:
        _check_editorial_change(obj, user)
    obj.full_clean()
    with transaction.atomic():
        obj.save()
        transaction.on_commit(partial(_refresh, type(obj), obj.pk))


def _check_editorial_change(obj, user) -> None:
    model = type(obj)
    if obj.pk is None:
        return
    if not user.has_perm(f"articles.change_{model._meta.model_name}"):
        raise PermissionDenied(_("You may not change this."))
    fields = EDITORIAL_TEXT.get(model, ())
    if not fields or user.has_perm(workflow.APPROVE) or not live_stories_showing(model, obj.pk):
        return
    stored = model.objects.filter(pk=obj.pk).values(*[f"{name}_{code}" for name in fields for code in languages()])
    before = stored.first() or {}
    if any(getattr(obj, key) != value for key, value in before.items()):
        raise PermissionDenied(
            _(
                "Live stories show this text, and readers see only text a moderator approved: "
                "ask a moderator to make this change."
            )
        )


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
