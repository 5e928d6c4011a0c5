"""What planning tells the apps built on it (the notification centre).

Sent inside the transaction that makes the change, so a listener's rows are
written or rolled back with it.
"""

from django.dispatch import Signal

# ``line`` (a BudgetLine just given to someone), ``assignee`` and ``by`` (who assigned it).
line_assigned = Signal()
