import time

from django.core.management.base import BaseCommand

from articles.tasks import publish_due_stories


class Command(BaseCommand):
    help = (
        "The scheduler process: every INTERVAL seconds, queue the task that publishes "
        "due stories. Several schedulers may run at once; each story is published once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Seconds between runs (default 60).")
        parser.add_argument("--once", action="store_true", help="Queue the task once and exit.")

    def handle(self, *args, interval=60, once=False, **options):
        if interval < 1:
            self.stderr.write("--interval must be at least 1 second.")
            raise SystemExit(2)
        while True:
            result = publish_due_stories.enqueue()
            self.stdout.write(f"queued publish_due_stories ({result.id})")
            if once:
                return
            time.sleep(interval)
