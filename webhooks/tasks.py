"""Webhook delivery on the task worker (django-tasks): thin, each calls a service."""

from django_tasks import task

from .services import deliveries_send


@task()
def deliver_event(event_id: str) -> int:
    """First attempt at an event's deliveries, right after the change is committed."""
    return len(deliveries_send(event_id=event_id))


@task()
def deliver_due() -> int:
    """Every delivery whose retry is due."""
    return len(deliveries_send())
