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

# Sent inside the transaction of every workflow move, with ``transition`` (the
# history row just written: story, action, actor, comment): for listeners
# that write in the same transaction, such as the notification centre's
# outbox. Receivers only write rows.
story_moved = Signal()

# Sent when someone takes a story over from the person who had it open
# (``article``, ``by`` the one taking it, ``previous`` the one it was taken from).
story_taken_over = Signal()

# Sent after commit with ``keys`` (dependency keys, ``articles.dependencies``'
# vocabulary) by the apps built on articles when what readers see on the
# pages showing those keys changed without a story changing (a live entry
# posted, a breaking-news banner raised): whoever keeps copies forgets them.
pages_changed = Signal()

# Sent inside the transaction that saves a revision (an editor's save, a
# conflict kept beside the head, a restore), with ``article``, ``revision``
# and ``user`` (who saved it): for apps that keep what an editor typed until
# it is saved, such as draft copies. A receiver that raises rolls the save
# back with it, so receivers only write rows.
revision_saved = Signal()

# Sent after commit when a save that started from an out-of-date revision is
# kept beside the current one as a side revision (a conflict), with
# ``article``, ``revision`` (the side revision) and ``overtaken_user`` (who
# wrote the current revision it was saved beside, and should compare them).
parallel_revision = Signal()

# Sent after commit with ``user_ids`` by the apps whose desk pulse
# (``articles.admin_site.register_desk_pulse``: the bell's count) changed for
# those people, so the open forms that carry the pulse in their heartbeat
# stop answering it from what they last showed (presence's quiet heartbeats).
desk_pulse_changed = Signal()
