"""Delivering notifications, on the task worker the newsroom already runs (django-tasks)."""

from django_tasks import task

from . import services


@task()
def deliver(outbox_id: int) -> int:
    """Turn one outbox row into notifications and send the e-mails due; returns how many notifications."""
    return services.outbox_deliver(outbox_id=outbox_id)


@task()
def deliver_waiting() -> int:
    """Everything still waiting (a worker that was down, a queue that lost a job)."""
    return services.outbox_deliver()


@task()
def send_digests() -> int:
    return services.digest_send()
