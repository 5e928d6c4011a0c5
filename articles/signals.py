"""Signals sent after the fact, for side effects only (cache purges, tasks).

No business rule may hang off these: the services decide, and only once
their transaction has committed do they announce what readers can now see.
"""

from django.dispatch import Signal

# Sent after commit with ``article_id`` whenever what readers see of a story
# may have changed: published, updated, corrected or unpublished.
live_changed = Signal()

# Sent once the demo newsroom is loaded (``manage.py load_demo``), with
# ``users`` (the demo accounts by username) and ``sections`` (by slug), so
# apps that depend on articles can add their own demo data, idempotently.
demo_loaded = Signal()
# Sent inside the transaction that makes the change, before it commits, with
# ``article_id`` and ``event`` (one of ``STORY_EVENTS``): for listeners that
# must write in the same transaction as the change, such as an outbox of
# notifications to partners. Whoever made the change (an editor, a
# moderator, the scheduler) the event is sent. A receiver that raises rolls
# the change back with it, so receivers only write rows.
story_changed = Signal()
STORY_EVENTS = ("published", "updated", "corrected", "unpublished", "embargo_lifted")

# Sent after commit whenever a section was added, renamed, reordered or
# removed: every page's navigation shows the sections.
sections_changed = Signal()

# Sent after commit when someone takes over a story that ``previous`` was
# editing (presence), with ``article``, ``by`` and ``previous`` (users).
story_taken_over = Signal()

# Sent after commit when a save that started from an out-of-date revision is
# kept beside the current one as a side revision (a conflict), with
# ``article``, ``revision`` (the side revision) and ``overtaken_user`` (who
# wrote the current revision it was saved beside, and should compare them).
parallel_revision = Signal()
