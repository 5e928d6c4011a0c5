from django.core.management.base import BaseCommand

from notifications import services


class Command(BaseCommand):
    help = "Send the daily digest e-mail to everyone who chose it (run once a day, for example from cron)."

    def handle(self, *args, **options):
        sent = services.digest_send()
        self.stdout.write(f"{sent} digest e-mail(s) sent.")
