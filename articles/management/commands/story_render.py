import multiprocessing
import time

from django.core.management.base import BaseCommand
from django.db import connections

from articles import rendered
from articles.models import Article, RenderedStory


class Command(BaseCommand):
    help = (
        "Draw the stored parts of live stories' pages and their cards on the lists (articles.rendered) that are "
        "missing or were drawn by another version of the templates, translations or settings. Publishing keeps "
        "them current; this is for after a deployment that changed them, and for stories loaded in bulk. Pages "
        "draw their own meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Draw every live story again, not only what is due.")
        parser.add_argument("--dry-run", action="store_true", help="Count what is due without drawing it.")
        parser.add_argument("--processes", type=int, default=1, help="Draw in this many processes at once.")

    def handle(self, *args, all=False, dry_run=False, processes=1, **options):
        if dry_run:
            current = RenderedStory.objects.filter(version=rendered.version()).count()
            editions = Article.objects.live().count() + Article.objects.live().filter(has_english=True).count()
            self.stdout.write(f"{editions - current} of {editions} story editions would be drawn.")
            return
        started = time.monotonic()
        if processes > 1:
            # Each process opens its own connections: none may be inherited
            # through the fork, pooled ones included (two processes on one
            # socket garble each other's answers).
            connections.close_all()
            for connection in connections.all(initialized_only=True):
                if hasattr(connection, "close_pool"):
                    connection.close_pool()
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                count = sum(pool.starmap(_draw, [(all, (index, processes)) for index in range(processes)]))
        else:
            count = rendered.stories_render(everything=all)
        seconds = time.monotonic() - started
        rate = f", {count / seconds:.0f} a second" if count and seconds else ""
        self.stdout.write(self.style.SUCCESS(f"{count} story editions drawn in {seconds:.1f} s{rate}."))


def _draw(everything: bool, shard: tuple[int, int]) -> int:
    try:
        return rendered.stories_render(everything=everything, shard=shard)
    finally:
        connections.close_all()
