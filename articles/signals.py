"""Signals sent after the fact, for side effects only (cache purges, tasks).

No business rule may hang off these: the services decide, and only once
their transaction has committed do they announce what readers can now see.
"""

from django.dispatch import Signal

# Sent after commit with ``article_id`` whenever what readers see of a story
# may have changed: published, updated, corrected or unpublished.
live_changed = Signal()

# Sent after commit whenever a section was added, renamed, reordered or
# removed: every page's navigation shows the sections.
sections_changed = Signal()
