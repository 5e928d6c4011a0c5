"""Listens to articles' signals; articles never imports this app."""

from . import services


def on_revision_saved(sender, *, article, revision, user, **kwargs):
    """A revision holds what its author typed: their draft copy of the story is done with."""
    services.buffers_clear_saved(user=user, article=article, revision=revision)
