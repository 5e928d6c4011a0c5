from django.core.management.base import BaseCommand

from notifications import services
from notifications.models import Outbox


class Command(BaseCommand):
    help = "Deliver every notification still waiting in the outbox, and the e-mails due (safe to run every minute)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say how many events are waiting.")

    def handle(self, *args, dry_run=False, **options):
        waiting = Outbox.objects.filter(done_at__isnull=True).count()
        if dry_run:
            self.stdout.write(f"{waiting} event(s) waiting.")
            return
        written = services.outbox_deliver()
        self.stdout.write(f"{waiting} event(s) delivered as {written} notification(s).")
