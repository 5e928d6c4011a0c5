"""What notifications add to the desk's screens: the bell's answer, asked by the bell or carried by a heartbeat."""

from django.urls import reverse

from . import messages as wording
from . import selectors

LATEST = 5


def bell_answer(user) -> dict:
    """What the bell shows: how many unread, and the newest few in words, in the active language.

    Asked by the bell itself on the desk's screens, and carried by an open
    story form's heartbeat (``pulse``, registered in ``NotificationsConfig``).
    """
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


def pulse(request) -> dict | None:
    """The bell's answer for the heartbeat of a story form (staff only, as the bell itself)."""
    user = request.user
    return bell_answer(user) if user.is_active and user.is_staff else None
