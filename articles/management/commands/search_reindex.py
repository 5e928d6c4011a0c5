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
        stories = Article.objects.live().prefetch_related("tags").order_by("pk")
        if dry_run:
            self.stdout.write(f"{stories.count()} live stories would be indexed.")
            return
        count = 0
        for article in stories:
            search.index_article(article)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"{count} live stories indexed."))
