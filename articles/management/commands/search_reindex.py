from django.core.management.base import BaseCommand

from articles import search
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Rebuild the search index of every live story (after a change to how words are normalised). "
        "Publishing keeps the index current; this is only needed when the rules change."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the stories without indexing them.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            self.stdout.write(f"{Article.objects.live().count()} live stories would be indexed.")
            return
        count = search.reindex_live()
        self.stdout.write(self.style.SUCCESS(f"{count} live stories indexed."))
