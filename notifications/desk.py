"""What notifications add to the desk's screens: the bell's answer, asked by the bell or carried by a heartbeat."""

from django.urls import reverse

from . import messages as wording
from . import selectors

LATEST = 5


def bell_answer(user, *, count: int | None = None) -> dict:
    """What the bell shows: how many unread, and the newest few in words, in the active language.

    Asked by the bell itself on the desk's screens, and carried by an open
    story form's heartbeat (``pulse``, registered in ``NotificationsConfig``),
    which reads the count with the story (``pulse_read``) and passes it.
    """
    if count is None:
        count = selectors.unread_count(user)
    latest = list(selectors.desk_notifications(user).filter(read_at__isnull=True)[:LATEST]) if count else []
    return {
        "count": count,
        "latest": [
            {
                "id": n.pk,
                "text": wording.summary(n),
                "url": reverse("admin:notifications_notification_open", args=[n.pk]),
            }
            for n in latest
        ],
    }


def _may_ring(user) -> bool:
    return user.is_active and user.is_staff


def pulse(request, count: int | None = None) -> dict | None:
    """The bell's answer for the heartbeat of a story form (staff only, as the bell itself)."""
    user = request.user
    return bell_answer(user, count=count) if _may_ring(user) else None


def pulse_read(user) -> tuple[str, list] | None:
    """The bell's count as SQL, for the heartbeat to read in its story query (staff only, as ``pulse``)."""
    return selectors.unread_count_sql(user) if _may_ring(user) else None
