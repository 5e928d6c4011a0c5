"""What comments tell the apps built on them (the notification centre).

Sent inside the transaction that writes the comment, so a listener's rows
(an outbox entry, followers) are written or rolled back with it.
"""

from django.dispatch import Signal

# ``comment`` (with its ``thread``), ``mentioned`` (the people its @mentions
# named, a list of users) and ``reply`` (False for the first comment of a thread).
comment_posted = Signal()
