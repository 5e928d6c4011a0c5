"""Every read the content API makes.

Live stories come from ``Article.objects.live()``, the one rule of what a
reader may see, and nothing else: a list or a story page of the API is the
site's list or story page as data. The one exception is named as such:
``embargoed_stories``, for keys with the embargo scope only, reads the
approved revision of a scheduled story before its time.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.dateparse import parse_datetime

from articles.models import Article, Author, Revision, RevisionAuthor, Section, Tag
from articles.search import Query, article_search_ids
from articles.selectors import in_order_of
from articles.workflow import State

# What the API prints of a story: its text in both languages and the data
# the story row keeps beside it (``live_extras``). Not the search columns.
STORY_COLUMNS = (
    "pk",
    "slug",
    "has_english",
    "first_published_at",
    "last_updated_at",
    "embargo_until",
    "external_id",
    "live_revision_id",
    "live_extras",
    *(f"{name}_{code}" for name in ("headline", "standfirst", "body", "dateline") for code in ("ar", "en")),
)
# What a list prints of each story: all of it but the bodies (a list's items have none), so
# twenty stories do not read forty bodies. Which editions a story has is its ``has_english``.
LIST_COLUMNS = tuple(column for column in STORY_COLUMNS if not column.startswith("body_"))


class BadCursor(ValueError):
    """A ``cursor`` parameter the API did not hand out."""


@dataclass(frozen=True)
class Filters:
    section: str | None = None
    tag: str | None = None
    author: str | None = None
    language: str | None = None
    published_after: datetime | None = None
    published_before: datetime | None = None
    updated_since: datetime | None = None


def live_stories(filters: Filters = Filters()) -> QuerySet[Article]:
    """Live stories matching ``filters``, newest first, with only the columns a list prints (``LIST_COLUMNS``)."""
    stories = Article.objects.live().only(*LIST_COLUMNS).order_by("-first_published_at", "-id")
    if filters.language:
        stories = stories.in_language(filters.language)
    if filters.section:
        stories = stories.filter(section__slug=filters.section)
    if filters.tag:
        stories = stories.filter(pk__in=Tag.objects.filter(slug=filters.tag).values("articles"))
    if filters.author:
        stories = stories.filter(pk__in=Author.objects.filter(slug=filters.author).values("articles"))
    if filters.published_after:
        stories = stories.filter(first_published_at__gte=filters.published_after)
    if filters.published_before:
        stories = stories.filter(first_published_at__lt=filters.published_before)
    if filters.updated_since:
        stories = stories.alias(changed=Coalesce(F("last_updated_at"), F("first_published_at"))).filter(
            changed__gte=filters.updated_since
        )
    return stories


def live_story(pk: int) -> Article | None:
    """One live story, or ``None``: one query, no join."""
    return Article.objects.live().only(*STORY_COLUMNS).filter(pk=pk).first()


def search_stories(text: str, language: str, limit: int) -> list[Article]:
    """Live stories matching ``text`` as the site's search finds them (Arabic normalisation), best first."""
    ids = article_search_ids(Query.parse(text, language))[:limit]
    return in_order_of(Article.objects.live().only(*LIST_COLUMNS), ids)


# --- Cursor pagination ------------------------------------------------------------


def encode_cursor(story: Article) -> str:
    """An opaque cursor for the stories after ``story`` in a newest-first list."""
    raw = json.dumps([story.first_published_at.isoformat(), story.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def after_cursor(stories: QuerySet[Article], cursor: str) -> QuerySet[Article]:
    """``stories`` after ``cursor``, read with the date index (no OFFSET, same cost on any page)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment, pk = json.loads(raw)
        moment = parse_datetime(moment)
        if moment is None or not isinstance(pk, int) or moment.tzinfo is None:
            raise BadCursor(cursor)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as error:
        raise BadCursor(cursor) from error
    return stories.filter(Q(first_published_at__lt=moment) | Q(first_published_at=moment, pk__lt=pk))


def page_of(stories: QuerySet[Article], *, cursor: str | None, limit: int) -> tuple[list[Article], str | None]:
    """One page of ``stories`` and the cursor of the next page (``None`` on the last)."""
    if cursor:
        stories = after_cursor(stories, cursor)
    rows = list(stories[: limit + 1])
    if len(rows) > limit:
        return rows[:limit], encode_cursor(rows[limit - 1])
    return rows, None


# --- Sections, tags, authors --------------------------------------------------------


def sections() -> QuerySet[Section]:
    return Section.objects.order_by("order", "slug")


def tags() -> QuerySet[Tag]:
    """Tags on at least one live story: a tag used only by drafts names nothing public."""
    return Tag.objects.filter(pk__in=Article.objects.live().values("tags")).order_by("slug")


def authors() -> QuerySet[Author]:
    """Authors with a byline on at least one live story."""
    return Author.objects.filter(pk__in=Article.objects.live().values("authors")).order_by("slug")


# --- Before their time: the embargo scope only -------------------------------------


def embargoed_stories() -> QuerySet[Article]:
    """Approved stories not live yet (scheduled, most under embargo), soonest first.

    Only for keys with the embargo scope (``ApiKey.reads_embargoed``): their
    content is the scheduled revision, which no reader has seen. A story
    whose earlier revision is live and whose update is scheduled is left
    out: its live text is in ``live_stories``.
    """
    return (
        Article.objects.filter(status=State.SCHEDULED, live_revision__isnull=True, scheduled_revision__isnull=False)
        .select_related("scheduled_revision__section", "scheduled_revision__lead_image")
        .prefetch_related(
            Prefetch(
                "scheduled_revision__bylines",
                queryset=RevisionAuthor.objects.select_related("author").order_by("position"),
            ),
            "scheduled_revision__tags",
        )
        .order_by("go_live_at", "pk")
    )


def revision_preview(revision_id: int) -> Revision | None:
    """A revision in any state, with its relations: for a signed preview token only."""
    return Revision.objects.with_relations().filter(pk=revision_id).first()
