from django.core.management.base import BaseCommand

from articles.models import Article
from articles.services.live import live_stories_refresh


class Command(BaseCommand):
    help = (
        "Refresh every live copy of every live story: what its page shows beside its text, its search index "
        "and its cached pages. Every change keeps them current; this is for after a change to their shape."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the stories without refreshing them.")

    def handle(self, *args, dry_run=False, **options):
        ids = Article.objects.live().order_by("pk").values_list("pk", flat=True)
        if dry_run:
            self.stdout.write(f"{ids.count()} live stories would be refreshed.")
            return
        count = live_stories_refresh(article_ids=list(ids))
        self.stdout.write(self.style.SUCCESS(f"{count} live stories refreshed."))
