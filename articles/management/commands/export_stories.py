import sys

from django.core.management.base import BaseCommand

from articles.export import write_json


class Command(BaseCommand):
    help = "Export every story with its revisions, workflow moves and corrections as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")
        parser.add_argument("--lines", action="store_true", help="JSON Lines: one story per line.")

    def handle(self, *args, output=None, lines=False, **options):
        if output:
            with open(output, "w", encoding="utf-8") as out:
                count = write_json(out, lines=lines)
            self.stderr.write(self.style.SUCCESS(f"{count} stories written to {output}."))
        else:
            count = write_json(sys.stdout, lines=lines)
            self.stderr.write(f"{count} stories written.")
