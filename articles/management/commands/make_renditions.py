from django.core.management.base import BaseCommand

from articles.models import Image
from articles.services.media import renditions_ensure, renditions_rename_unpublished


class Command(BaseCommand):
    help = (
        "Make the JPEG and WebP renditions that library images lack (images uploaded before "
        "renditions existed, or whose renditions were lost). Safe to run again: it makes only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the images without making anything.")
        parser.add_argument(
            "--rename-unpublished",
            action="store_true",
            help="Make again, under random names, the renditions of pictures no live story shows "
            "whose names were made from the upload's (before names were random).",
        )

    def handle(self, *args, dry_run=False, rename_unpublished=False, **options):
        images = Image.objects.order_by("pk")
        if rename_unpublished and not dry_run:
            renamed = renditions_rename_unpublished()
            self.stdout.write(self.style.SUCCESS(f"{renamed} renditions of unpublished pictures renamed."))
        if dry_run:
            self.stdout.write(f"{images.count()} images would be checked.")
            return
        made = 0
        for image in images.iterator():
            made += len(renditions_ensure(image=image))
        self.stdout.write(self.style.SUCCESS(f"{made} renditions made for {images.count()} images."))
