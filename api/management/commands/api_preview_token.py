from django.core.management.base import BaseCommand, CommandError

from api.keys import preview_token
from articles.models import Revision


class Command(BaseCommand):
    help = (
        "Print a signed, expiring address at which the content API shows one revision of a story, "
        "in any state (for an app's preview screen). The token names no user and cannot be altered."
    )

    def add_arguments(self, parser):
        parser.add_argument("story", type=int, help="The story's id.")
        parser.add_argument("--revision", type=int, help="The revision's number (default: the current one).")
        parser.add_argument("--minutes", type=int, default=60, help="How long the address works (default 60).")

    def handle(self, *args, story, revision=None, minutes=60, **options):
        if not 1 <= minutes <= 24 * 60:
            raise CommandError("--minutes must be between 1 and 1440.")
        revisions = Revision.objects.filter(article_id=story)
        found = revisions.filter(number=revision).first() if revision else revisions.order_by("-number").first()
        if found is None:
            raise CommandError(f"Story {story} has no revision {revision or ''}".strip() + ".")
        token = preview_token(revision_id=found.pk, max_age=minutes * 60)
        self.stdout.write(f"/api/v1/preview/{token}")
        self.stdout.write(self.style.SUCCESS(f"Revision {found.number} of story {story}, for {minutes} minutes."))
