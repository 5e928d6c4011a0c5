from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from articles.services.demo import demo_newsroom_load


class Command(BaseCommand):
    help = "Load the demo newsroom: sections, authors, tags, the sample story and demo accounts. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-demo-accounts",
            action="store_true",
            help="Create the demo accounts (published passwords) even though DEBUG is off.",
        )

    def handle(self, *args, allow_demo_accounts=False, **options):
        try:
            summary = demo_newsroom_load(allow_accounts_without_debug=allow_demo_accounts)
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        for headline in summary.created_stories:
            self.stdout.write(f"  published: {headline}")
        if summary.existing_stories:
            self.stdout.write(f"  {len(summary.existing_stories)} demo stories were already there; left as they are.")
        self.stdout.write(self.style.SUCCESS("Demo newsroom ready. Sign in at /admin/ with:"))
        for username, password in summary.accounts:
            self.stdout.write(f"  {username:<10} {password}")
