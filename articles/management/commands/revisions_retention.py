"""What a retention policy for revisions would keep and free: ``manage.py revisions_retention --dry-run``.

Figures only. Revisions are immutable and nothing deletes them; the report
says what a policy of this shape would save, so a newsroom can decide.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.selectors.retention import RetentionPolicy, revision_retention


class Command(BaseCommand):
    help = "Report what a revision retention policy would keep and free (figures only; nothing is deleted)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only (the only mode there is).")
        parser.add_argument("--keep-latest", type=int, default=10, help="Newest revisions kept per story.")
        parser.add_argument("--keep-days", type=int, default=90, help="Revisions saved this recently are kept.")
        parser.add_argument(
            "--hold", type=int, action="append", default=[], help="A story under a legal hold (repeatable)."
        )

    def handle(self, *args, dry_run, keep_latest, keep_days, hold, **options):
        if not dry_run:
            raise CommandError(
                "Only --dry-run exists: revisions are never deleted, this reports what a policy would save."
            )
        if keep_latest < 1 or keep_days < 0:
            raise CommandError("--keep-latest must be at least 1 and --keep-days at least 0.")
        policy = RetentionPolicy(keep_latest=keep_latest, keep_days=keep_days, held_stories=frozenset(hold))
        figures = revision_retention(policy)
        self.stdout.write(f"revisions: {figures.revisions}")
        if figures.table_bytes is not None:
            self.stdout.write(
                f"revision table: {figures.table_bytes / 2**20:.1f} MiB with indexes, {figures.bytes_each} bytes per revision"
            )
        for reason, count in figures.kept.items():
            self.stdout.write(f"  kept, {reason}: {count}")
        self.stdout.write(f"removable under this policy: {figures.removable}")
        if figures.removable_bytes is not None:
            self.stdout.write(f"  would free about {figures.removable_bytes / 2**20:.1f} MiB")
        if figures.repeated_bodies is not None:
            self.stdout.write(
                f"revisions repeating their predecessor's Arabic body: {figures.repeated_bodies} "
                "(what storing each body once would save)"
            )
