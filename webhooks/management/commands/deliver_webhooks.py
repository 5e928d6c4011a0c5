import time

from django.core.management.base import BaseCommand

from webhooks.tasks import deliver_due


class Command(BaseCommand):
    help = (
        "Send the webhook deliveries whose retry is due, every INTERVAL seconds. Safe to run on several "
        "machines at once: each delivery is sent under its row's lock."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=30, help="Seconds between runs (default 30).")
        parser.add_argument("--once", action="store_true", help="Run once and exit.")

    def handle(self, *args, interval=30, once=False, **options):
        if interval < 1:
            self.stderr.write("--interval must be at least 1 second.")
            raise SystemExit(2)
        while True:
            result = deliver_due.enqueue()
            self.stdout.write(f"queued deliver_due ({result.id})")
            if once:
                return
            time.sleep(interval)
