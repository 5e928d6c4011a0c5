"""What presence does when articles announces something."""

from .services import parallel_revision_note


def on_parallel_revision(sender, *, article, revision, overtaken_user, **kwargs):
    """A save was kept as a side revision: tell the person whose revision it was saved beside."""
    parallel_revision_note(article=article, revision=revision, overtaken_user=overtaken_user)
