from django.core.management.base import BaseCommand

from articles.services import articles_publish_due


class Command(BaseCommand):
    help = (
        "Publish scheduled stories whose time has come. Safe to run every minute, "
        "from several machines at once: each story is published exactly once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what is due without publishing it.")

    def handle(self, *args, dry_run=False, **options):
        articles = articles_publish_due(dry_run=dry_run)
        verb = "due" if dry_run else "published"
        for article in articles:
            self.stdout.write(f"  {verb}: #{article.pk} {article}")
        self.stdout.write(self.style.SUCCESS(f"{len(articles)} {'stories' if len(articles) != 1 else 'story'} {verb}."))
