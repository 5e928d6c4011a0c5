"""Every read the public site and the editorial queues need.

The rule for what a reader may see lives in ``ArticleQuerySet.live``; the
public selectors here all start from it.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import BooleanField, Count, F, Func, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from . import search, workflow
from .models import Article, ArticleAuthor, Correction, Revision, Section, Transition
from .workflow import Action, State


def article_live() -> QuerySet[Article]:
    """Live stories, newest first, with what a list of them shows."""
    return Article.objects.live().select_related("section", "lead_image").order_by("-first_published_at", "-id")


def article_live_detail(pk: int) -> Article:
    """One live story with its bylines, tags, corrections and image renditions, or DoesNotExist."""
    return (
        article_live()
        # StoryPage names the live revision; its text is already on the story.
        .select_related("live_revision")
        .defer(*(f"live_revision__{name}_{code}" for name in ("body", "standfirst") for code in ("ar", "en")))
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author").order_by("position")),
            "tags",
            "corrections",
            "lead_image__renditions",
        )
        .get(pk=pk)
    )


def article_was_withdrawn(pk: int) -> bool:
    """Whether a story that is not live now was published once (its address answers 410 Gone)."""
    return Article.objects.filter(pk=pk, live_revision__isnull=True, first_published_at__isnull=False).exists()


# --- The public site ------------------------------------------------------------
# Every list below starts from ``article_live()`` and so from
# ``Article.objects.live()``; each loads what its page prints in a fixed
# number of queries, however many stories, bylines or tags there are.

HOME_STORIES_PER_SECTION = 4


LIST_DEFERRED = ("body", "body_ar", "body_en", "search_text_ar", "search_text_en", "search_ar", "search_en")


def article_live_list(language: str) -> QuerySet[Article]:
    """Live stories with an edition in ``language``, ready to be listed (section, picture sizes)."""
    return article_live().in_language(language).defer(*LIST_DEFERRED).prefetch_related("lead_image__renditions")


@dataclass
class SectionStories:
    section: Section | None
    stories: list[Article] = field(default_factory=list)


@dataclass
class HomeStories:
    lead: Article | None
    sections: list[SectionStories]


def home_stories(language: str, per_section: int = HOME_STORIES_PER_SECTION) -> HomeStories:
    """The newest live story as the lead, then the latest of each section.

    One query for all sections (a window over stories per section), so the
    home page costs the same with five sections or fifty.
    """
    ranked = (
        article_live_list(language)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("section"), order_by=[F("first_published_at").desc(), F("id").desc()]
            )
        )
        .filter(rank__lte=per_section + 1)
        .order_by("-first_published_at", "-id")
    )
    stories = list(ranked)
    lead = stories[0] if stories else None
    groups: dict[int | None, SectionStories] = {}
    for story in stories[1:]:
        group = groups.setdefault(story.section_id, SectionStories(section=story.section))
        if len(group.stories) < per_section:
            group.stories.append(story)
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.section is None, g.section.order if g.section else 0, g.section.slug if g.section else ""),
    )
    return HomeStories(lead=lead, sections=ordered)


def section_stories(section: Section, language: str) -> QuerySet[Article]:
    """Live stories in ``section``, newest first."""
    return article_live_list(language).filter(section=section)


def tag_stories(tag, language: str) -> QuerySet[Article]:
    """Live stories carrying ``tag``, newest first."""
    return article_live_list(language).filter(tags=tag)


def author_stories(author, language: str) -> QuerySet[Article]:
    """Live stories bylined to ``author``, newest first."""
    return article_live_list(language).filter(authors=author)


def archive_stories(start: datetime, end: datetime, language: str) -> QuerySet[Article]:
    """Live stories first published in ``[start, end)``, newest first."""
    return article_live_list(language).filter(first_published_at__gte=start, first_published_at__lt=end)


def article_related(article: Article, language: str, limit: int = 4) -> list[Article]:
    """Other live stories most like ``article``: most shared tags, then same section, then newest.

    Uses the story's prefetched tags, and costs one query however many
    tags the story has.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    candidates = Q(tags__in=tag_ids) if tag_ids else Q(pk__in=[])
    if article.section_id:
        candidates |= Q(section_id=article.section_id)
    return list(
        article_live()
        .in_language(language)
        .filter(candidates)
        .exclude(pk=article.pk)
        .select_related(None)
        .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .only("pk", "slug", "headline_ar", "headline_en", "first_published_at", "section_id")
        .order_by("-shared", "-first_published_at", "-id")[:limit]
    )


def article_search(query: "search.Query") -> QuerySet[Article]:
    """Live stories matching ``query`` in its language, best first.

    On PostgreSQL: the stored vectors, ranked by ``ts_rank`` (headline
    matches weigh most). Elsewhere: every stem must appear in the stored
    normalised text, newest first.
    """
    # Results print a highlighted piece of the body, so it is loaded here
    # with the page of results (and the search columns are not).
    stories = (
        article_live()
        .in_language(query.language)
        .select_related(None)
        .select_related("section")
        .defer("search_text_ar", "search_text_en", "search_ar", "search_en")
    )
    if not query:
        return stories.none()
    column = "search_ar" if query.language == "ar" else "search_en"
    if connection.vendor == "postgresql":
        tsquery = query.tsquery()
        matches = Func(F(column), tsquery, arg_joiner=" @@ ", template="(%(expressions)s)", output_field=BooleanField())
        return (
            stories.alias(matches=matches)
            .filter(matches=True)
            .annotate(rank=SearchRank(F(column), tsquery))
            .order_by("-rank", "-first_published_at", "-id")
        )
    text = "search_text_ar" if query.language == "ar" else "search_text_en"
    condition = Q()
    for term in query.terms:
        needle = f" {term} " if query.language == "ar" else f" {term}"
        condition &= Q(**{f"{text}__contains": needle})
    return stories.filter(condition)


def section_nav() -> list[Section]:
    """The sections, in their order, for the site's navigation."""
    return list(Section.objects.order_by("order", "slug"))


def feed_stories(language: str, *, section: Section | None = None, limit: int = 30) -> list[Article]:
    """The newest live stories for a feed, with bylines, tags and corrections loaded."""
    stories = (
        article_live()
        .in_language(language)
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author").order_by("position")),
            "tags",
            Prefetch("corrections", queryset=Correction.objects.order_by("published_at", "id")),
        )
    )
    if section is not None:
        stories = stories.filter(section=section)
    return list(stories[:limit])


def sitemap_stories() -> QuerySet[Article]:
    """Every live story, with only what a sitemap entry needs."""
    return (
        Article.objects.live()
        .only("pk", "slug", "has_english", "first_published_at", "last_updated_at")
        .order_by("-first_published_at", "-id")
    )


def news_sitemap_stories(since: datetime, language: str) -> list[Article]:
    """Live stories first published since ``since`` with an edition in ``language`` (Google News)."""
    return list(
        Article.objects.live()
        .in_language(language)
        .filter(first_published_at__gte=since)
        .only("pk", "slug", "has_english", "headline_ar", "headline_en", "first_published_at")
        .order_by("-first_published_at", "-id")[:1000]
    )


def article_cache_dependencies(article_id: int) -> Article | None:
    """A story in any state, with what its public pages depend on (section, tags, authors).

    For cache invalidation after a change, so it does not filter on live.
    """
    return Article.objects.filter(pk=article_id).select_related("section").prefetch_related("tags", "authors").first()


def review_queue() -> QuerySet[Article]:
    """Stories waiting for a moderator, oldest submission first."""
    return (
        Article.objects.filter(status=State.IN_REVIEW)
        .select_related("review_revision", "review_revision__created_by", "review_revision__section", "latest_revision")
        .order_by("review_revision__created_at", "pk")
    )


def article_history(article: Article) -> tuple[QuerySet[Revision], QuerySet[Transition]]:
    """A story's revisions and moves, newest first."""
    revisions = (
        Revision.objects.filter(article=article)
        .select_related("created_by", "conflict_with", "restored_from")
        .defer("body_ar", "body_en")
        .order_by("-number")
    )
    transitions = (
        Transition.objects.filter(article=article).select_related("actor", "revision").order_by("-created_at", "-id")
    )
    return revisions, transitions


def moves_for(article: Article, user) -> list[Action]:
    """The workflow actions ``user`` may start on ``article`` now (for buttons).

    Guards are not checked here; a button whose guard fails answers with the
    reason when pressed.
    """
    from .services._common import context_for

    return workflow.available(context_for(article, user=user))
