"""Background work, run by the task queue (django-tasks).

Tasks are thin: they call a service. Enqueue them with
``transaction.on_commit`` so a worker never sees a row before it is committed.
"""

from django_tasks import task

from . import services


@task()
def publish_due_stories() -> list[int]:
    """Publish every scheduled story whose time has come; returns their ids."""
    return [article.pk for article in services.articles_publish_due()]
