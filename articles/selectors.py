"""Every read the public site and the editorial queues need.

The rule for what a reader may see lives in ``ArticleQuerySet.live``; the
public selectors here all start from it.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from . import workflow
from .dependencies import navigation_version
from .links import link
from .models import Article, Correction, Revision, RevisionAuthor, Section, Transition
from .services.content import languages
from .workflow import Action, State

# The search index lives on the story row but no page prints it; loading it
# would more than double what each row costs to read.
SEARCH_COLUMNS = ("search_text_ar", "search_text_en", "search_ar", "search_en")


def article_live() -> QuerySet[Article]:
    """Live stories, newest first, with what a list of them shows."""
    return (
        Article.objects.live()
        .select_related("section", "lead_image")
        .defer(*SEARCH_COLUMNS)
        .order_by("-first_published_at", "-id")
    )


def article_live_detail(pk: int, language: str) -> Article:
    """One live story as its page in ``language`` shows it, or DoesNotExist: one query, no join.

    Only the columns the page prints are read (not the other edition's body
    nor the workflow's columns). Its section, picture, bylines, tags and
    corrections come with it (``live_extras``).
    """
    return (
        Article.objects.live()
        .only(
            "pk",
            "slug",
            "section_id",
            "has_english",
            "first_published_at",
            "last_updated_at",
            "live_extras",
            *(f"{name}_{language}" for name in ("headline", "standfirst", "body", "dateline")),
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
# How many of the newest stories the home page reads at once, per place to
# fill: enough for every section of a newsroom that publishes in all of them.
HOME_RECENT_FACTOR = 4


LIST_DEFERRED = ("body", "body_ar", "body_en", *SEARCH_COLUMNS)


def article_live_list(language: str) -> QuerySet[Article]:
    """Live stories with an edition in ``language``, ready to be listed (section, picture sizes)."""
    return article_live().in_language(language).defer(*LIST_DEFERRED, "live_extras")


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
    listed = article_live_list(language)
    sections = section_nav()
    window = 1 + per_section * max(len(sections), 1) * HOME_RECENT_FACTOR
    recent = list(listed.values_list("pk", "section_id")[:window])
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
            earlier = listed.filter(section=section).exclude(pk__in=[*ids, lead]).values_list("pk", flat=True)
            ids += list(earlier[: per_section - len(ids)])
        chosen[section] = ids
    # Whole rows only for the stories shown, not for the whole window: a
    # fifth off the home page's cost at 100,000 stories.
    stories = {
        story.pk: story for story in listed.filter(pk__in=[lead, *(pk for ids in chosen.values() for pk in ids)])
    }
    groups = [
        SectionStories(section=section, stories=[stories[pk] for pk in ids if pk in stories])
        for section, ids in chosen.items()
        if ids
    ]
    return HomeStories(lead=stories.get(lead), sections=groups)


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

    One query by primary key, which also drops any candidate no longer live
    or without an edition in ``language``. Rows, not model objects: a link
    needs four values.
    """
    candidates = (article.live_extras or {}).get("related", [])
    if not candidates:
        return []
    rows = {
        row[0]: row
        for row in Article.objects.live()
        .in_language(language)
        .filter(pk__in=candidates)
        .values_list("pk", "slug", f"headline_{language}", "first_published_at")
    }
    return [StoryLink(*rows[pk]) for pk in candidates if pk in rows][:limit]


def in_order_of(stories: QuerySet[Article], ids: list[int]) -> list[Article]:
    """The stories of ``stories`` with ``ids``, in the order of ``ids``; any no longer there are left out."""
    found = {story.pk: story for story in stories.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


_NAV_MEMORY: list = [None, []]  # the navigation's version, and the sections read under it


def section_nav() -> list[Section]:
    """The sections, in their order, for the site's navigation.

    Every page shows them, so this process remembers them for as long as the
    navigation's version (``dependencies.navigation_version``, set by the
    page cache while it renders a page) stays the same: a section's change
    gives it a new one, on every app server, whatever Redis does. Without a
    version (the page cache off, signed-in staff) they are read: one query
    of a handful of rows.
    """
    version = navigation_version.get()
    if version is not None and _NAV_MEMORY[0] == version:
        return _NAV_MEMORY[1]
    sections = list(Section.objects.order_by("order", "slug"))
    if version is not None:
        _NAV_MEMORY[:] = [version, sections]
    return sections


def feed_stories(language: str, *, section: Section | None = None, limit: int = 30) -> list[Article]:
    """The newest live stories for a feed; their bylines, tags and corrections come with them (``live_extras``)."""
    stories = article_live().in_language(language).defer("body_ar", "body_en")
    if section is not None:
        stories = stories.filter(section=section)
    return list(stories[:limit])


def sitemap_stories(language: str) -> QuerySet[Article]:
    """Every live story with an edition in ``language``, with only what a sitemap entry needs."""
    return (
        Article.objects.live()
        .in_language(language)
        .only("pk", "slug", "has_english", "first_published_at", "last_updated_at")
        # Oldest first: a new story lands on the last page, earlier pages keep their entries.
        .order_by("first_published_at", "id")
    )


def sitemap_latest_change(language: str) -> datetime | None:
    """When a live story with an edition in ``language`` last went live or changed."""
    return (
        Article.objects.live()
        .in_language(language)
        .aggregate(latest=Max(Coalesce("last_updated_at", "first_published_at")))["latest"]
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


# Editorial desk
#
# The admin's own reads. Each returns a queryset the admin can still filter,
# sort and paginate, loading only the columns its screen shows: the desk's
# lists must stay quick with 100,000 stories.

DESK_LIST_LENGTH = 10

# The long text of a story or revision, which no list needs.
_LONG_TEXT = ("body", "standfirst")


def _long_text(prefix: str = "") -> list[str]:
    """The long text columns, in every language and the untranslated column behind them.

    Querysets deferring these must call ``rewrite(False)`` first, or
    django-modeltranslation reads ``body`` as "the body in the current
    language" and the untranslated column is loaded after all.
    """
    names = [f"{name}_{code}" for name in _LONG_TEXT for code in languages()]
    return [f"{prefix}{name}" for name in (*_LONG_TEXT, *names)]


def desk_has_english(prefix: str = "latest_revision") -> Q:
    """Stories whose revision at ``prefix`` has an English edition (headline and body).

    The test of ``StoryContent.has_language``, written in SQL so that a list
    can filter on it and show it without loading any body text.
    """
    return Q(**{f"{prefix}__headline_en__gt": ""}) & Q(**{f"{prefix}__body_en__gt": ""})


def desk_stories() -> QuerySet[Article]:
    """Every story for the desk's list, with what its current revision says.

    One query per page: the current revision, its section and who saved it
    come in the same row, and no body text is read.
    """
    return (
        Article.objects.rewrite(False)
        .select_related("latest_revision__section", "latest_revision__created_by")
        .defer(*_long_text(), *_long_text("latest_revision__"))
        .annotate(head_has_english=ExpressionWrapper(desk_has_english(), output_field=BooleanField()))
        .order_by("-id")
    )


def desk_filter(
    stories: QuerySet[Article],
    *,
    revision: str = "latest_revision",
    section: int | str | None = None,
    author: int | str | None = None,
    english: str | None = None,
) -> QuerySet[Article]:
    """Narrow ``stories`` by what their revision at ``revision`` says.

    ``english`` is ``"yes"`` (has an English edition), ``"no"`` (Arabic only)
    or ``"stale"`` (the English may be out of date). An author matches when
    they are anywhere in that revision's byline.
    """
    if any(value and _as_id(value) is None for value in (section, author)):
        return stories.none()  # a hand-typed filter value that names nothing
    if section:
        stories = stories.filter(**{f"{revision}__section": section})
    if author:
        bylines = RevisionAuthor.objects.filter(revision_id=OuterRef(f"{revision}_id"), author_id=author)
        stories = stories.filter(Exists(bylines))
    if english == "yes":
        stories = stories.filter(desk_has_english(revision))
    elif english == "no":
        stories = stories.exclude(desk_has_english(revision))
    elif english == "stale":
        stories = stories.filter(**{f"{revision}__english_stale": True})
    return stories


def _as_id(value) -> int | None:
    """``value`` as a row id, or None when it cannot be one (``"abc"``, twenty digits)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def desk_review_queue() -> QuerySet[Article]:
    """The review queue as moderators work it: ``review_queue()`` and what each row shows.

    Annotates when the story was submitted (``submitted_at``), whether an
    editor saved again since (``updated_since_submission``) and whether the
    submitted revision has an English edition (``review_has_english``).
    """
    submissions = Transition.objects.filter(article=OuterRef("pk"), action=Action.SUBMIT).order_by("-created_at")
    return (
        review_queue()
        .rewrite(False)
        .defer(*_long_text(), *_long_text("review_revision__"), *_long_text("latest_revision__"))
        .annotate(
            submitted_at=Subquery(submissions.values("created_at")[:1]),
            updated_since_submission=ExpressionWrapper(
                ~Q(latest_revision=F("review_revision")), output_field=BooleanField()
            ),
            review_has_english=ExpressionWrapper(desk_has_english("review_revision"), output_field=BooleanField()),
        )
    )


def desk_review_count() -> int:
    """How many stories wait for a moderator."""
    return Article.objects.filter(status=State.IN_REVIEW).count()


def _desk_list(stories: QuerySet[Article]) -> QuerySet[Article]:
    return (
        stories.rewrite(False).select_related("latest_revision").defer(*_long_text(), *_long_text("latest_revision__"))
    )


def desk_my_drafts(user) -> QuerySet[Article]:
    """Drafts whose current revision ``user`` saved, most recently saved first.

    A draft a colleague saved since moves to their list. Asking by the
    current revision's author lets the database walk its index of "my
    revisions, newest first" instead of sorting every draft in the newsroom.
    """
    stories = _desk_list(Article.objects.filter(latest_revision__created_by=user, status=State.DRAFT))
    return stories.order_by("-latest_revision__created_at", "-pk")[:DESK_LIST_LENGTH]


def desk_my_in_review(user) -> QuerySet[Article]:
    """Stories ``user`` started or submitted that wait for a moderator, oldest first."""
    mine = Q(created_by=user) | Q(review_revision__created_by=user)
    stories = _desk_list(Article.objects.filter(mine, status=State.IN_REVIEW))
    return stories.order_by("review_revision__created_at", "pk")[:DESK_LIST_LENGTH]


def desk_returned_to(user) -> QuerySet[Transition]:
    """Moderators' requests for changes to stories ``user`` wrote, still waiting for them.

    A request stands until the story moves again (resubmitted, trashed...):
    it is the story's latest move, and the story is still a draft.
    """
    later = Transition.objects.filter(article=OuterRef("article"), created_at__gt=OuterRef("created_at"))
    mine = Q(article__created_by=user) | Q(revision__created_by=user)
    return (
        Transition.objects.filter(mine, action=Action.REQUEST_CHANGES, article__status=State.DRAFT)
        .exclude(Exists(later))
        .select_related("actor", "article__latest_revision")
        .defer(*_long_text("article__"), *_long_text("article__latest_revision__"))
        .order_by("-created_at", "-pk")[:DESK_LIST_LENGTH]
    )


def desk_recently_published() -> QuerySet[Article]:
    """The newest stories on the site."""
    return article_live().rewrite(False).defer(*_long_text())[:DESK_LIST_LENGTH]


def desk_scheduled() -> QuerySet[Article]:
    """Approved stories waiting for their time, soonest first."""
    stories = _desk_list(Article.objects.filter(status=State.SCHEDULED))
    return stories.order_by("go_live_at", "pk")[:DESK_LIST_LENGTH]


def desk_revision(article: Article, number: int) -> Revision:
    """One revision of ``article`` with everything it is made of, or ``Revision.DoesNotExist``."""
    return Revision.objects.with_relations().get(article=article, number=number)


def desk_compare_defaults(article: Article) -> tuple[int | None, int | None]:
    """The revision numbers the compare screen opens with, as ``(old, new)``.

    New is the submitted revision, or else the current one. Old is the live
    revision; for a story never published, or when the live revision is the
    new one, it is the revision before the new one. ``old`` is ``None`` when
    there is nothing earlier.
    """
    wanted = [pk for pk in (article.review_revision_id, article.latest_revision_id, article.live_revision_id) if pk]
    numbers = dict(Revision.objects.filter(pk__in=wanted).values_list("pk", "number"))
    new = numbers.get(article.review_revision_id) or numbers.get(article.latest_revision_id)
    if new is None:
        return None, None
    live = numbers.get(article.live_revision_id)
    if live is not None and live != new:
        return live, new
    earlier = Revision.objects.filter(article=article, number__lt=new).order_by("-number")
    return earlier.values_list("number", flat=True).first(), new


def desk_revision_choices(article: Article) -> QuerySet[Revision]:
    """Every revision of ``article``, newest first, with no text: for pickers."""
    return (
        Revision.objects.filter(article=article)
        .select_related("created_by")
        .only("number", "created_at", "note", "created_by__username", "article_id")
        .order_by("-number")
    )


def desk_revisions() -> QuerySet[Revision]:
    """Every revision, newest first, for the admin's read-only list: no long text."""
    return Revision.objects.rewrite(False).select_related("created_by").defer(*_long_text()).order_by("-id")


def desk_transitions() -> QuerySet[Transition]:
    """Every workflow move, newest first, with its story's current headline."""
    return (
        Transition.objects.select_related("actor", "article__latest_revision")
        .defer(*_long_text("article__"), *_long_text("article__latest_revision__"))
        .order_by("-created_at", "-id")
    )


def desk_corrections() -> QuerySet[Correction]:
    """Every public correction, newest first, with its story's current headline."""
    return (
        Correction.objects.rewrite(False)
        .select_related("created_by", "article__latest_revision")
        .defer(*_long_text("article__"), *_long_text("article__latest_revision__"))
        .order_by("-published_at", "-id")
    )


def desk_revisions_by_number(article: Article, numbers) -> dict[int, Revision]:
    """The revisions of ``article`` with these numbers, whole, keyed by number; missing ones are left out."""
    wanted = [number for number in numbers if number]
    revisions = Revision.objects.with_relations().filter(article=article, number__in=wanted)
    return {revision.number: revision for revision in revisions}
