"""Every read of live coverage: the reader's entries and changes, the banners, the desk's lists.

What a reader may see starts from ``Article.objects.live()``: the entries of
a story that is not live (a draft, a withdrawn story) are never shown, in
pages, updates or feeds.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from articles.editions import primary
from articles.models import Article

from .models import Banner, Coverage, Entry, EntryRevision

# How many of the latest changes an update answer carries; a reader further
# behind reloads the list.
CHANGES_WINDOW = 50
ENTRIES_PER_PAGE = 20


def shown_in(language: str) -> Q:
    """Entries with something to read in ``language`` (a picture alone reads in every edition)."""
    has_text = ~Q(**{f"body_{language}": ""}) | ~Q(**{f"quote_{language}": ""})
    nothing_written = Q(body_ar="", body_en="", quote_ar="", quote_en="")
    return has_text | nothing_written


def coverage_of_live_story(article_id: int) -> Coverage | None:
    """The coverage of a story readers may see, or ``None``."""
    return (
        Coverage.objects.filter(article_id=article_id, article__in=Article.objects.live())
        .select_related("article")
        .first()
    )


def coverage_id_of_story() -> Subquery:
    """The id of the coverage of the story an outer query reads (``OuterRef("pk")``), or NULL: one index probe."""
    return Subquery(Coverage.objects.filter(article_id=OuterRef("pk")).order_by().values("pk")[:1])


def _public_entries(coverage: Coverage, language: str):
    return (
        Entry.objects.filter(coverage=coverage, removed_at__isnull=True)
        .filter(shown_in(language))
        .select_related("author", "image")
        .prefetch_related("corrections")
    )


@dataclass
class ReaderCoverage:
    """What a reader's page shows of a coverage: its pinned entries, key events and one page of entries."""

    coverage: Coverage
    pinned: list
    key_events: list
    page: object  # a Paginator page of entries, newest first


def reader_coverage(coverage: Coverage, language: str, page_number) -> ReaderCoverage:
    """The coverage as the reader's page ``page_number`` shows it (pinned and key events on the first page)."""
    from django.core.paginator import Paginator

    entries = list(_public_entries(coverage, language))
    pinned = [entry for entry in entries if entry.pinned]
    rest = [entry for entry in entries if not entry.pinned]
    page = Paginator(rest, ENTRIES_PER_PAGE, allow_empty_first_page=True).page(page_number)
    first = page.number == 1
    return ReaderCoverage(
        coverage=coverage,
        pinned=pinned if first else [],
        key_events=[entry for entry in entries if entry.key_event] if first else [],
        page=page,
    )


def changes_since_window(coverage: Coverage, language: str) -> tuple[int, list[tuple[Entry, bool]]]:
    """The latest changed entries, oldest change first, each with whether readers of ``language`` see it.

    Also the version before the oldest change carried: a reader whose page
    is older than that has missed changes and reloads.
    """
    changed = list(
        Entry.objects.filter(coverage=coverage)
        .select_related("author", "image")
        .prefetch_related("corrections")
        .order_by("-version")[:CHANGES_WINDOW]
    )
    visible = set(
        _public_entries(coverage, language).filter(pk__in=[e.pk for e in changed]).values_list("pk", flat=True)
    )
    since = changed[-1].version - 1 if len(changed) == CHANGES_WINDOW else 0
    return since, [(entry, entry.pk in visible) for entry in reversed(changed)]


def key_events(coverage: Coverage, language: str) -> list[Entry]:
    return list(_public_entries(coverage, language).filter(key_event=True))


def feed_entries(coverage: Coverage, language: str, *, limit: int = 50) -> list[Entry]:
    return list(_public_entries(coverage, language)[:limit])


def banners_up(language: str, *, now=None) -> list[Banner]:
    """The banners over ``language``'s pages now: raised, not lowered, not ended, their story live."""
    now = now or timezone.now()
    return list(
        Banner.objects.filter(
            language=language,
            lowered_at__isnull=True,
            starts_at__lte=now,
            ends_at__gt=now,
            article__in=Article.objects.live(),
        )
        .select_related("article")
        .order_by("-starts_at")[:1]
    )


def banner_text(banner: Banner) -> str:
    return banner.text or getattr(banner.article, f"headline_{banner.language}", "") or banner.article.headline_ar


# The desk's reads ------------------------------------------------------


def desk_coverage(coverage_id) -> Coverage:
    return Coverage.objects.select_related("article", "opened_by", "closed_by").get(pk=coverage_id)


def desk_entries(coverage: Coverage):
    """Every entry, removed ones too, newest first, for the desk."""
    return (
        Entry.objects.filter(coverage=coverage)
        .select_related("author", "image", "created_by")
        .prefetch_related("corrections")
        .order_by("-pinned", "-posted_at", "-id")
    )


def desk_entry_revisions(article_id: int):
    """Every revision of every entry of a story, newest first (its history's live section)."""
    return (
        EntryRevision.objects.filter(entry__coverage__article_id=article_id)
        .select_related("entry", "created_by")
        .order_by("-created_at", "-id")
    )


def desk_is_staff(coverage: Coverage, user) -> bool:
    return coverage.staff.filter(pk=user.pk).exists()


def desk_open_coverages():
    return Coverage.objects.filter(closed_at__isnull=True).select_related("article")


def desk_banners_up(*, now=None):
    now = now or timezone.now()
    return Banner.objects.filter(lowered_at__isnull=True, ends_at__gt=now).select_related("article")


def default_language() -> str:
    return primary()


def desk_coverage_of(article_id: int) -> Coverage | None:
    return Coverage.objects.filter(article_id=article_id).first()
