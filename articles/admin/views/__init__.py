"""The story's own screens in the admin, one module each (Wagtail's ``admin/views/pages/`` layout).

``ArticleAdmin.get_urls`` routes to them behind the admin's login; each
takes the ``ArticleAdmin`` it serves, reads through selectors and writes
through services. ``base`` holds what they share: finding the story and the
revision, their addresses, the context every screen has.

- ``review_queue``: every submitted revision waiting for a moderator
- ``review``: a submitted revision opened for its review, with the decision bar
- ``compare``: two revisions side by side or inline
- ``combine``: paragraphs of two revisions taken into a new one (POST)
- ``move``: one workflow move (POST)
- ``revision``: one revision, read-only
- ``preview``: a revision drawn with the public template
- ``restore``: an old revision copied into a new current one (POST)
- ``history``: every revision and move of a story
- ``pictures``: the story form's picture dialog: choosing and uploading (``ImageAdmin`` routes it)
"""

from . import base, combine, compare, history, move, pictures, preview, restore, review, review_queue, revision

__all__ = [
    "base",
    "combine",
    "compare",
    "history",
    "move",
    "pictures",
    "preview",
    "restore",
    "review",
    "review_queue",
    "revision",
]
