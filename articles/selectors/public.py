"""The reader's side: every read the public site, its feeds and sitemaps need.

The rule for what a reader may see lives in ``ArticleQuerySet.live``; every
selector here starts from it.
"""

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
)
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT, KeyTransform
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .. import editions, rendered
from ..dependencies import navigation_version
from ..extensions import story_annotation_names, story_annotations
from ..links import link
from ..models import TRANSLATED_FIELDS, Article, Author, RenderedStory, Section, Tag
from ..models.content import RICH_FIELDS, edition_columns
from ..models.extras import LiveExtras
from .prepared import fits, prepared

# The search index lives on the story row but no page prints it; loading it
# would more than double what each row costs to read. The bodies as plain
# text are read by search results alone (``search.article_search_page``):
# a list that loaded them read both editions' whole text for every card.
SEARCH_COLUMNS = ("search_text_ar", "search_text_en", "search_ar", "search_en", "search_body_ar", "search_body_en")


def article_live() -> QuerySet[Article]:
    """Live stories, newest first, with what a list of them shows."""
    return (
        Article.objects.live()
        .select_related("section", "lead_image")
        .defer(*SEARCH_COLUMNS)
        .order_by("-first_published_at", "-id")
    )


def _article_live_row(language: str) -> QuerySet[Article]:
    """A live story's row as its page in ``language`` reads it: the columns it prints, nothing else."""
    return Article.objects.live().only(
        "pk",
        "slug",
        "section_id",
        "has_english",
        "first_published_at",
        "last_updated_at",
        "live_revision",
        "live_extras",
        *(f"{name}_{language}" for name in TRANSLATED_FIELDS),
    )


def article_live_rows(ids: list[int], language: str) -> QuerySet[Article]:
    """These live stories as their pages in ``language`` read them (what ``rendered.draw`` draws from)."""
    return _article_live_row(language).filter(pk__in=ids).order_by("pk")


# The related candidates still live, with what a link prints, read with the
# story: a JSON array of [id, slug, headline, first published] per story,
# in no order (``article_related`` puts them in the candidates' order).
_RELATED_SQL = {
    "postgresql": (
        "SELECT jsonb_agg(jsonb_build_array(r.id, r.slug, r.{headline}, r.first_published_at)) "
        "FROM articles_article r WHERE r.id IN (SELECT x::bigint FROM "
        "jsonb_array_elements_text(articles_article.live_extras -> 'related') x) "
        "AND r.live_revision_id IS NOT NULL{english}"
    ),
    "sqlite": (
        "SELECT json_group_array(json_array(r.id, r.slug, r.{headline}, r.first_published_at)) "
        "FROM articles_article r WHERE r.id IN (SELECT value FROM "
        "json_each(articles_article.live_extras, '$.related')) "
        "AND r.live_revision_id IS NOT NULL{english}"
    ),
}


def _article_live_detail(language: str) -> QuerySet[Article]:
    """The story page's query: the row, its drawn copy in ``language``, its related stories, what apps read."""
    annotations = {
        "rendered": Subquery(
            # One row by its unique key: no ordering (the model's, by its story, joined the story again and sorted).
            RenderedStory.objects.filter(article=OuterRef("pk"), language=language).order_by().values("pieces")[:1]
        ),
    }
    related = _RELATED_SQL.get(connection.vendor)
    if related is not None:
        english = "" if language == editions.primary() else " AND r.has_english"
        sql = related.format(headline=connection.ops.quote_name(f"headline_{language}"), english=english)
        annotations["related_rows"] = RawSQL(sql, (), output_field=TextField())
    return _article_live_row(language).annotate(**annotations, **story_annotations())


BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1


def article_live_detail(pk: int, language: str) -> Article:
    """One live story as its page in ``language`` shows it, or DoesNotExist: one query, no join.

    Only the columns the page prints are read (not the other edition's body
    nor the workflow's columns). Its section, picture, bylines, tags and
    corrections come with it (``live_extras``), and with it, as subqueries:
    its drawn copy in ``language`` (``rendered``, see ``articles.rendered``),
    its related candidates that are still live (``related_rows``, read by
    ``article_related``) and what the apps adding to the page read of it
    (``extensions.story_annotations``: whether live coverage follows it,
    say). The query is prepared once per language and set of annotations
    (``prepared``): building it through the ORM (and modeltranslation's
    rewriting of every field name) cost twice what running it does.
    """
    if not BIGINT_MIN <= pk <= BIGINT_MAX:  # an address no story can have (the ORM says so for itself)
        raise Article.DoesNotExist(f"No live story {pk}.")
    key = ("detail", language, story_annotation_names())
    # Planned once per connection (``on_server``): by its primary key, the plan is the same for every story.
    query = prepared(key, lambda pk: _article_live_detail(language).filter(pk=pk), on_server=True, pk=0)
    found = query.run(pk=pk)
    if not found:
        raise Article.DoesNotExist(f"No live story {pk}.")
    return found[0]


def article_was_withdrawn(pk: int) -> bool:
    """Whether a story that is not live now was published once (its address answers 410 Gone)."""
    return Article.objects.filter(pk=pk, live_revision__isnull=True, first_published_at__isnull=False).exists()


# --- The public site ------------------------------------------------------------
# Every list below starts from ``article_live()`` and so from
# ``Article.objects.live()``; each loads what its page prints in a fixed
# number of queries, however many stories, bylines or tags there are.

HOME_STORIES_PER_SECTION = 4
# How many of the newest stories the home page reads at once, per place to
# fill: enough for every section of a newsroom that publishes in all of them.
HOME_RECENT_FACTOR = 4


# What a card never prints of its picture (it prints the renditions, ``Image.sources``): the
# uploaded original among them, whose column alone made ImageField look at every picture made.
_PICTURE_UNLISTED = ("lead_image__file", "lead_image__uploaded_by", "lead_image__created_at")


def _article_listed(language: str) -> QuerySet[Article]:
    """Live stories with an edition in ``language``, with what a card prints (section, picture sizes, alt text)."""
    deferred = (*RICH_FIELDS, *edition_columns(RICH_FIELDS), *SEARCH_COLUMNS, "live_extras", *_PICTURE_UNLISTED)
    # The picture's alt text as approved (the live copy), not the library's,
    # read out of the JSON in the same query (``Article.lead_image_alt``).
    approved_alt = {
        "approved_image_id": KT("live_extras__image__id"),
        "approved_alt": KT(f"live_extras__image__alt_{language}"),
        "approved_alt_primary": KT(f"live_extras__image__alt_{editions.primary()}"),
    }
    return article_live().in_language(language).defer(*deferred).annotate(**approved_alt)


def article_live_list(language: str, cards: str = "list") -> QuerySet[Article]:
    """Live stories with an edition in ``language``, ready to be listed (section, picture, the drawn cards).

    Each comes with the cards this kind of list prints (``cards``, one of
    ``rendered.LISTS``) as drawn when it went live, if drawn by this version
    (``rendered_cards``: a subquery by the drawn copy's unique key, reading
    one key of its cards), which the list prints when they fit.
    """
    return _with_cards(_article_listed(language), language, cards)


def _with_cards(stories: QuerySet[Article], language: str, cards: str) -> QuerySet[Article]:
    """``stories`` with their drawn cards of the kind of list ``cards`` (``rendered_cards``, JSON)."""
    drawn = RenderedStory.objects.filter(article=OuterRef("pk"), language=language, version=rendered.version())
    drawn = drawn.order_by()  # one row by its unique key (the model's ordering joined the story again to sort it)
    return stories.annotate(rendered_cards=Subquery(drawn.values(drawn_cards=KT(f"cards__{cards}"))[:1]))


def article_card_rows(ids: list[int], language: str) -> QuerySet[Article]:
    """These live stories as the lists in ``language`` read them (what ``rendered.draw_cards`` draws from)."""
    return _article_listed(language).filter(pk__in=ids).order_by("pk")


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

    Usually two queries: the ids and sections of the newest stories, enough
    of them to fill every section when the newsroom publishes in all of
    them, read from the date index; then the chosen stories themselves. A
    section that has not published lately gets a query of its own (its own
    index, a handful of ids). The archive's size never matters.
    """
    sections = section_nav()
    window = 1 + per_section * max(len(sections), 1) * HOME_RECENT_FACTOR
    recent = prepared(
        ("home:recent", language, window),
        # Two columns no edition translates: the ORM's own tuples, past modeltranslation's rewriting.
        lambda: _article_listed(language).rewrite(False).values_list("pk", "section_id")[:window],
    ).run()
    if not recent:
        return HomeStories(lead=None, sections=[])
    lead = recent[0][0]
    by_section: dict[int | None, list[int]] = {}
    for pk, section_id in recent[1:]:
        by_section.setdefault(section_id, []).append(pk)
    chosen = {}
    for section in sections:
        ids = by_section.get(section.pk, [])[:per_section]
        if len(ids) < per_section and len(recent) == window:
            # Quiet section: look further back, in its own index.
            earlier = (
                _article_listed(language)
                .filter(section=section)
                .exclude(pk__in=[*ids, lead])
                .values_list("pk", flat=True)
            )
            ids += list(earlier[: per_section - len(ids)])
        chosen[section] = ids
    # Whole rows only for the stories shown, not for the whole window: a
    # fifth off the home page's cost at 100,000 stories.
    shown = list(dict.fromkeys([lead, *(pk for ids in chosen.values() for pk in ids)]))
    stories = {story.pk: story for story in _home_shown(shown, language)}
    groups = [
        SectionStories(section=section, stories=[stories[pk] for pk in ids if pk in stories])
        for section, ids in chosen.items()
        if ids
    ]
    return HomeStories(lead=stories.get(lead), sections=groups)


def _home_shown(ids: list[int], language: str) -> list[Article]:
    """The home page's chosen stories, with their home cards: prepared once per number of stories."""

    def build(ids):
        return _with_cards(_article_listed(language).filter(pk__in=ids), language, "home")

    if not fits(ids):
        return list(build(ids))
    return prepared(("home:shown", language, rendered.version()), build, ids=len(ids)).run(ids=ids)


# The lists whose pages are prepared queries (``list_page``): the stories of one section, tag or author.
LISTS_OF = {
    "section": lambda pk, language: section_stories(Section(pk=pk), language),
    "tag": lambda pk, language: tag_stories(Tag(pk=pk), language),
    "author": lambda pk, language: author_stories(Author(pk=pk), language),
}
# Pages past this one are read through the queryset (a shape per page would be kept for each).
PREPARED_PAGES = 10


def page_of(stories: QuerySet[Article], number: int, per_page: int, *, deep: int) -> QuerySet[Article]:
    """Page ``number`` of ``stories``: sliced, or past page ``deep`` its ids first (``views.StoryPaginator``)."""
    bottom = (number - 1) * per_page
    if number <= deep:
        return stories[bottom : bottom + per_page]
    # One query: the page's ids in a subquery, then their rows by id.
    return stories.filter(pk__in=stories.values("pk")[bottom : bottom + per_page])


def list_page(kind: str, pk: int, language: str, *, number: int, per_page: int, deep: int) -> list[Article]:
    """Page ``number`` of the stories of section, tag or author ``pk`` (``LISTS_OF``), as ``page_of`` reads it.

    The query is prepared once per list, language and page (``prepared``):
    building and compiling it cost more than running it.
    """
    stories = LISTS_OF[kind]
    if number > PREPARED_PAGES:
        return list(page_of(stories(pk, language), number, per_page, deep=deep))
    key = (f"list:{kind}", language, number, per_page, deep, rendered.version())
    query = prepared(key, lambda pk: page_of(stories(pk, language), number, per_page, deep=deep), pk=0)
    return query.run(pk=pk)


def section_by_slug(slug: str) -> Section | None:
    """The section at ``slug``, from the navigation this process holds (``navigation``), else from the database."""
    found = next((section for section in navigation().sections if section.slug == slug), None)
    return found if found is not None else _by_slug(Section, slug)


def tag_by_slug(slug: str) -> Tag | None:
    """The tag at ``slug``, or None (building its query through the ORM was a sixth of a tag's page)."""
    return _by_slug(Tag, slug)


def author_by_slug(slug: str) -> Author | None:
    """The author at ``slug``, or None."""
    return _by_slug(Author, slug)


def _by_slug(model, slug: str):
    """The ``model`` object at ``slug`` (a unique column), or None: a prepared query."""
    found = prepared(
        (f"{model._meta.label}:slug",), lambda slug: model.objects.filter(slug=slug).order_by()[:1], slug=0
    )
    return next(iter(found.run(slug=slug)), None)


def section_stories(section: Section, language: str) -> QuerySet[Article]:
    """Live stories in ``section``, newest first."""
    return article_live_list(language, cards="section").filter(section=section)


def tag_stories(tag, language: str) -> QuerySet[Article]:
    """Live stories carrying ``tag``, newest first."""
    return article_live_list(language).filter(tags=tag)


def author_stories(author, language: str) -> QuerySet[Article]:
    """Live stories bylined to ``author``, newest first."""
    return article_live_list(language).filter(authors=author)


def archive_stories(start: datetime, end: datetime, language: str) -> QuerySet[Article]:
    """Live stories first published in ``[start, end)``, newest first."""
    return article_live_list(language).filter(first_published_at__gte=start, first_published_at__lt=end)


# --- What a list knows of itself ------------------------------------------------
# A list's page prints which page of how many it is, and the sitemap index
# how many pages each edition has and when it last changed. Counting a
# section of 30,000 live stories (or aggregating all 100,000) on every
# request cost more than the rest of the page; the answers are kept in the
# cache under the lists' version instead. Every change readers can see gives
# the lists a new version (``forget_list_facts``, on ``live_changed``), so
# a count is never older than the last change announced; and none is kept
# longer than ``LIST_FACTS_SECONDS``, so a change whose announcement the
# cache lost (Redis down at that moment) is counted within that time.

LIST_FACTS_VERSION = "lists:version"
LIST_FACTS_SECONDS = 60
# The version outlives what is kept under it; should it go, the next page
# makes a new one and counts again.
LIST_FACTS_VERSION_SECONDS = 24 * 3600


def list_facts(facts: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """The value of each of ``facts`` (a cache key and the function that computes it), from the cache when it can be.

    One round trip to the cache for all of them and the version; the
    missing ones are computed and kept. Without a cache (Redis down) every
    one is computed.
    """
    keys = {name: f"lists:{name}" for name in facts}
    found = cache.get_many([LIST_FACTS_VERSION, *keys.values()])
    version = found.get(LIST_FACTS_VERSION)
    if version is None:
        cache.add(LIST_FACTS_VERSION, uuid.uuid4().hex, timeout=LIST_FACTS_VERSION_SECONDS)
        version = cache.get(LIST_FACTS_VERSION)
    answers, fresh = {}, {}
    for name, compute in facts.items():
        kept = found.get(keys[name])
        if version is not None and kept is not None and kept[0] == version:
            answers[name] = kept[1]
        else:
            answers[name] = compute()
            fresh[keys[name]] = (version, answers[name])
    if fresh and version is not None:
        cache.set_many(fresh, timeout=LIST_FACTS_SECONDS)
    return answers


def list_fact(name: str, compute: Callable[[], Any]) -> Any:
    """One of ``list_facts``."""
    return list_facts({name: compute})[name]


def forget_list_facts(**kwargs) -> None:
    """What readers see changed (``live_changed``, ``sections_changed``): every list is counted again."""
    cache.set(LIST_FACTS_VERSION, uuid.uuid4().hex, timeout=LIST_FACTS_VERSION_SECONDS)


@dataclass(frozen=True)
class StoryLink:
    """A link to another live story: what a list of related stories prints."""

    pk: int
    slug: str
    headline: str
    first_published_at: datetime

    def get_absolute_url(self) -> str:
        return link("articles:story", pk=self.pk, slug=self.slug or "-")


def article_related(article: Article, language: str, limit: int = 4) -> list[StoryLink]:
    """Other live stories like ``article``, from the candidates it keeps (``live_extras["related"]``).

    Read with the story itself (``related_rows``, from ``article_live_detail``),
    which also drops any candidate no longer live or without an edition in
    ``language``; a story read otherwise costs one query by primary key.
    Rows, not model objects: a link needs four values.
    """
    candidates = LiveExtras.of(article).related
    if not candidates:
        return []
    if hasattr(article, "related_rows"):
        rows = {row[0]: _link_row(row) for row in json.loads(article.related_rows or "[]")}
    else:
        rows = {
            row[0]: row
            for row in Article.objects.live()
            .in_language(language)
            .filter(pk__in=candidates)
            .values_list("pk", "slug", f"headline_{language}", "first_published_at")
        }
    return [StoryLink(*rows[pk]) for pk in candidates if pk in rows][:limit]


def _link_row(row: list) -> tuple:
    """A related row as the JSON of ``_RELATED_SQL`` holds it, with its time as the ORM reads it (aware, UTC)."""
    pk, slug, headline, published = row
    moment = parse_datetime(published.replace(" ", "T"))
    if timezone.is_naive(moment):  # SQLite keeps UTC without saying so
        moment = timezone.make_aware(moment, UTC)
    return pk, slug, headline, moment.astimezone(UTC)


def in_order_of(stories: QuerySet[Article], ids: list[int]) -> list[Article]:
    """The stories of ``stories`` with ``ids``, in the order of ``ids``; any no longer there are left out."""
    found = {story.pk: story for story in stories.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


@dataclass(frozen=True)
class Navigation:
    """The sections every page's navigation shows, and ``version``: what they say, to key what is drawn from them."""

    sections: list[Section]
    version: tuple


# What this process last read of the sections: the page cache's navigation
# version it was read under (if any), when, and the navigation.
_NAV_MEMORY: dict = {"page_version": None, "read_at": float("-inf"), "navigation": None}
_clock = time.monotonic


def navigation() -> Navigation:
    """The site's navigation, read at most once per navigation version or check interval in this process.

    While the page cache renders a page it sets the navigation's version
    (``dependencies.navigation_version``): a section's change gives it a
    new one on every app server, so the sections are read again at once.
    Without one (the page cache off, signed-in staff) they are read again
    once ``NEWSROOM_PAGE_CACHE_CHECK_SECONDS`` have passed, the time the
    page cache allows a change to reach every app server when Redis lost
    it; a change made in this process is seen at once (``forget_navigation``).
    With no interval (the test settings) they are read every time.

    ``version`` is made of what the sections say (ids, addresses, order,
    names in every edition), so anything drawn from them and kept under it
    (``templatetags.public.layout_piece``) changes exactly when they do.
    """
    memory = _NAV_MEMORY
    remembered = memory["navigation"]
    page_version = navigation_version.get()
    if remembered is not None:
        if page_version is not None:
            if memory["page_version"] == page_version:
                return remembered
        else:
            interval = settings.NEWSROOM_PAGE_CACHE_CHECK_SECONDS
            if interval is not None and _clock() - memory["read_at"] < interval:
                return remembered
    sections = list(Section.objects.order_by("order", "slug"))
    names = [f"name_{code}" for code in editions.languages()]
    version = tuple((s.pk, s.slug, s.order, *(getattr(s, name) for name in names)) for s in sections)
    if remembered is not None and remembered.version == version:
        found = remembered  # unchanged: keep the same sections, and what was drawn from them
    else:
        found = Navigation(sections=sections, version=version)
    memory.update(page_version=page_version, read_at=_clock(), navigation=found)
    return found


def forget_navigation(**kwargs) -> None:
    """The sections changed (``signals.sections_changed``): this process reads them again on its next page."""
    _NAV_MEMORY.update(page_version=None, read_at=float("-inf"), navigation=None)


def section_nav() -> list[Section]:
    """The sections, in their order, for the site's navigation (``navigation``)."""
    return navigation().sections


# What a feed entry prints of a story's live copy (``live_extras``): not its
# picture's renditions nor its related stories, most of what the copy holds.
FEED_EXTRAS = ("authors", "tags", "corrections")


def feed_stories(language: str, *, section: Section | None = None, limit: int = 30) -> list[Article]:
    """The newest live stories for a feed, with only what an entry prints.

    One query, of the columns an entry reads (address, dates, headline and
    standfirst in ``language``) and, out of the live copy, the bylines,
    tags and corrections, which the stories' ``live_extras`` then hold
    alone: no section, picture or related stories are read.
    """

    def build(**section_of):
        stories = (
            article_live()
            .in_language(language)
            .select_related(None)
            .only(
                "pk", "slug", "first_published_at", "last_updated_at", f"headline_{language}", f"standfirst_{language}"
            )
            .annotate(**{f"feed_{key}": KeyTransform(key, "live_extras") for key in FEED_EXTRAS})
        )
        if section_of:
            stories = stories.filter(section_id=section_of["section"])
        return stories[:limit]

    # Prepared once per feed's shape (``prepared``): building and compiling it cost more than running it.
    if section is None:
        found = prepared(("feed", language, limit), build).run()
    else:
        found = prepared(("feed:section", language, limit), build, section=0).run(section=section.pk)
    for story in found:
        story.live_extras = {key: getattr(story, f"feed_{key}") or [] for key in FEED_EXTRAS}
    return found


def sitemap_stories(language: str) -> QuerySet[Article]:
    """Every live story with an edition in ``language``, with only what a sitemap entry needs."""
    return (
        Article.objects.live()
        .in_language(language)
        .only("pk", "slug", "has_english", "first_published_at", "last_updated_at")
        # Oldest first: a new story lands on the last page, earlier pages keep their entries.
        .order_by("first_published_at", "id")
    )


@dataclass(frozen=True)
class SitemapEdition:
    """What the sitemap index says of one edition's stories: how many, and when one last went live or changed."""

    stories: int
    latest_change: datetime | None


def sitemap_editions(languages: list[str] | None = None) -> dict[str, SitemapEdition]:
    """The ``SitemapEdition`` of each of ``languages`` (every edition by default), kept as list facts.

    One round trip to the cache for all of them; on a miss, one aggregate
    over the live stories' index per edition. A story's latest change is
    when a later revision replaced the live one, or else when it first
    went live.
    """

    def aggregate(language: str) -> Callable[[], SitemapEdition]:
        def compute() -> SitemapEdition:
            change = Coalesce("last_updated_at", "first_published_at")
            found = Article.objects.live().in_language(language).aggregate(stories=Count("pk"), latest=Max(change))
            return SitemapEdition(stories=found["stories"], latest_change=found["latest"])

        return compute

    codes = editions.languages() if languages is None else languages
    found = list_facts({f"sitemap:{code}": aggregate(code) for code in codes})
    return {code: found[f"sitemap:{code}"] for code in codes}


def sitemap_edition(language: str) -> SitemapEdition:
    """The ``SitemapEdition`` of one edition (``sitemap_editions``)."""
    return sitemap_editions([language])[language]


def news_sitemap_stories(since: datetime, language: str) -> list[Article]:
    """Live stories first published since ``since`` with an edition in ``language`` (Google News)."""
    return list(
        Article.objects.live()
        .in_language(language)
        .filter(first_published_at__gte=since)
        .only("pk", "slug", "has_english", "headline_ar", "headline_en", "first_published_at")
        .order_by("-first_published_at", "-id")[:1000]
    )
