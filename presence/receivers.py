"""What presence does when articles announces something."""

from functools import partial

from django.db import transaction

from .backends import store
from .services import parallel_revision_note


def on_parallel_revision(sender, *, article, revision, overtaken_user, **kwargs):
    """A save was kept as a side revision: tell the person whose revision it was saved beside."""
    parallel_revision_note(article=article, revision=revision, overtaken_user=overtaken_user)


# Quiet heartbeats (``presence.quiet``) end when what their person sees may
# have changed: each receiver below bumps a version once the change commits.


def _after_commit(**bumped) -> None:
    transaction.on_commit(partial(store.bump, **bumped))


def on_story_moved(sender, *, transition, **kwargs):
    """A workflow move: who may take the story over, and the form's standing on it, may have changed."""
    _after_commit(article_ids=[transition.article_id])


def on_story_changed(sender, *, article_id, **kwargs):
    """Published, updated, corrected, unpublished or out of embargo, by a person or by the scheduler."""
    _after_commit(article_ids=[article_id])


def on_story_deleted(sender, *, instance, **kwargs):
    _after_commit(article_ids=[instance.pk])


def on_desk_pulse_changed(sender, *, user_ids, **kwargs):
    """Sent after commit already: these people's bells changed."""
    store.bump(user_ids=user_ids)


def on_signed_out(sender, *, user, **kwargs):
    """A session signed out is refused at once, not when its pass runs out."""
    if user is not None:
        store.bump(user_ids=[user.pk])


def on_person_saved(sender, *, instance, update_fields=None, **kwargs):
    """A person made inactive, or no longer staff or superuser; every sign-in saves the time, which changes nothing."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    _after_commit(user_ids=[instance.pk])


def on_rights_changed(sender, **kwargs):
    """A group, or someone's or a group's permissions or groups, changed: everyone's rights may have."""
    if kwargs.get("action", "post_").startswith("post_"):
        _after_commit(rights=True)
