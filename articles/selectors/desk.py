"""The editorial desk's reads: the review queue, the desk's lists, a story's history and revisions.

Each returns a queryset the admin can still filter, sort and paginate,
loading only the columns its screen shows: the desk's lists must stay quick
with 100,000 stories.
"""

from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from .. import workflow
from ..models import Article, Author, Correction, Image, Revision, RevisionAuthor, Transition
from ..models.content import RICH_FIELDS, edition_columns, long_names
from ..workflow import Action, State
from .public import article_live


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
        .defer(*edition_columns(RICH_FIELDS))
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
    return workflow.available(workflow.context_for(article, user=user))


# The revision of the story each move is about: the one its guards judge
# and its form carries. The other moves are about the story as a whole.
MOVE_REVISION = {
    Action.SUBMIT: "latest_revision_id",
    Action.PUBLISH: "review_revision_id",
    Action.SCHEDULE: "review_revision_id",
}


def move_offers(article: Article, user, actions=None, *, now=None) -> list[workflow.Offer]:
    """For ``user`` on ``article`` now: each move the desk offers, open or blocked with its reasons.

    The workflow table decides (``workflow.offer``); this reads what it
    needs to judge: the revisions the moves are about, with their lead
    picture, in one query. Moves that make no sense now are left out.
    """
    actions = [Action(action) for action in (actions or workflow.MOVES)]
    wanted = {getattr(article, MOVE_REVISION[action]) for action in actions if action in MOVE_REVISION} - {None}
    revisions = {rev.pk: rev for rev in Revision.objects.select_related("lead_image").filter(pk__in=wanted)}
    now = now or timezone.now()
    offers = []
    for action in actions:
        revision = revisions.get(getattr(article, MOVE_REVISION.get(action, ""), None))
        extra = {}
        if action == Action.PUBLISH and revision is not None:
            extra["go_live_at"] = workflow.go_live_time(revision, None, now)
        ctx = workflow.context_for(article, user=user, revision=revision, now=now, **extra)
        found = workflow.offer(action, ctx)
        if found is not None:
            offers.append(found)
    return offers


DESK_LIST_LENGTH = 10

# What the story row holds for readers and search, never shown by the desk's
# lists: at 100,000 stories these columns are most of what a page would read.
READER_COLUMNS = ("live_extras", "search_text_ar", "search_text_en", "search_ar", "search_en")


def _long_text(prefix: str = "") -> list[str]:
    """The long text columns (``LONG_FIELDS``), in every language and the untranslated column behind them.

    Querysets deferring these must call ``rewrite(False)`` first, or
    django-modeltranslation reads ``body`` as "the body in the current
    language" and the untranslated column is loaded after all.
    """
    return [f"{prefix}{name}" for name in long_names()]


def desk_has_english(prefix: str = "latest_revision") -> Q:
    """Stories whose revision at ``prefix`` has an English edition (headline and body).

    The test of ``StoryContent.has_language``, written in SQL so that a list
    can filter on it and show it without loading any body text. With an
    empty ``prefix``, revisions that have one.
    """
    path = f"{prefix}__" if prefix else ""
    return Q(**{f"{path}headline_en__gt": ""}) & Q(**{f"{path}body_en__gt": ""})


def desk_stories() -> QuerySet[Article]:
    """Every story for the desk's list, with what its current revision says.

    One query per page: the current revision, its section and who saved it
    come in the same row, and no body text is read. Whether the current
    revision has an English edition is asked of that revision by id, not
    through a join of the list's own: the list's count (a state filter's,
    say) then reads the story table alone, from an index (PostgreSQL drops
    an unused join but still reads the row for its key).
    """
    # A scalar subquery, so PostgreSQL asks it per row shown; an EXISTS
    # would be planned as a hash of every revision with an English edition.
    english = (
        Revision.objects.filter(pk=OuterRef("latest_revision_id"))
        .order_by()
        .annotate(english=ExpressionWrapper(desk_has_english(prefix=""), output_field=BooleanField()))
        .values("english")[:1]
    )
    return (
        Article.objects.rewrite(False)
        .select_related("latest_revision__section", "latest_revision__created_by")
        .defer(*_long_text(), *READER_COLUMNS, *_long_text("latest_revision__"))
        .annotate(head_has_english=Subquery(english, output_field=BooleanField()))
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


class Differs(Func):
    """``left IS DISTINCT FROM right`` (a value differs from NULL; two NULLs do not), as a condition.

    Written ``(... IS DISTINCT FROM ...) IS TRUE`` on PostgreSQL: the form
    migration 0016 indexes and keeps statistics on, so that the planner
    knows how few stories it holds.
    """

    arg_joiner = " IS DISTINCT FROM "
    template = "((%(expressions)s) IS TRUE)"
    output_field = BooleanField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, arg_joiner=" IS NOT ", template="(%(expressions)s)", **extra)


def desk_search(stories: QuerySet[Article], words: Iterable[str]) -> QuerySet[Article]:
    """Narrow ``stories`` to those matching every one of ``words``, as the desk's search box does.

    A word matches a story when its current revision's Arabic or English
    headline contains it, or when it is the story's whole wire ID (either
    in any case): the matches of Django's admin search over the story
    list's ``search_fields``. Written so that PostgreSQL reads only current
    headlines, each from an index (migration 0016):

    - a story whose current revision is live has that revision's headlines
      on its own row (publishing copies them), searched there with the
      story table's trigram indexes: no revision is read;
    - the others (drafts, stories edited since publishing, taken down) are
      listed by their own index, and their current revision read by id;
    - the wire ID is asked of the story table apart (its ``UPPER`` index).

    The three are joined by a UNION of story ids. Searching the revisions'
    headlines read every older revision that matched too, ten times the
    current ones at ten revisions a story.
    """
    published_head = Article.objects.filter(latest_revision=F("live_revision"))
    other_heads = Article.objects.filter(Differs(F("latest_revision"), F("live_revision")))
    for word in words:
        in_headline = Q(headline_ar__icontains=word) | Q(headline_en__icontains=word)
        on_story = published_head.filter(in_headline)
        in_revision = Revision.objects.filter(in_headline, pk__in=other_heads.order_by().values("latest_revision_id"))
        by_wire = Article.objects.filter(external_id__iexact=word)
        matches = (
            on_story.order_by()
            .values("pk")
            .union(in_revision.order_by().values("article_id"), by_wire.order_by().values("pk"))
        )
        stories = stories.filter(pk__in=matches)
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
        .defer(*_long_text(), *READER_COLUMNS, *_long_text("review_revision__"), *_long_text("latest_revision__"))
        .annotate(
            submitted_at=Subquery(submissions.values("created_at")[:1]),
            updated_since_submission=ExpressionWrapper(
                ~Q(latest_revision=F("review_revision")), output_field=BooleanField()
            ),
            review_has_english=ExpressionWrapper(desk_has_english("review_revision"), output_field=BooleanField()),
        )
    )


def desk_author_choices() -> QuerySet[Author]:
    """Every author, with only what a picker or a filter prints of them (their name), not their biography."""
    return Author.objects.rewrite(False).only("pk", "slug", "name", *edition_columns(["name"]))


def desk_review_count() -> int:
    """How many stories wait for a moderator."""
    return Article.objects.filter(status=State.IN_REVIEW).count()


def _desk_list(stories: QuerySet[Article]) -> QuerySet[Article]:
    return (
        stories.rewrite(False)
        .select_related("latest_revision")
        .defer(*_long_text(), *READER_COLUMNS, *_long_text("latest_revision__"))
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


def desk_review_revision(article: Article) -> Revision:
    """The revision of ``article`` waiting for review, with everything it is made of."""
    return Revision.objects.with_relations().get(pk=article.review_revision_id, article=article)


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


DESK_RECENT_MOVES = 10


def desk_recent_moves() -> list[Transition]:
    """The desk's latest workflow moves, newest first, with each story's current headlines (for the activity box)."""
    return list(
        Transition.objects.select_related("actor", "article__latest_revision")
        .only(
            "action",
            "from_state",
            "to_state",
            "created_at",
            "actor__username",
            "article__status",
            "article__latest_revision__headline_ar",
            "article__latest_revision__headline_en",
        )
        .order_by("-created_at", "-id")[:DESK_RECENT_MOVES]
    )


def desk_my_other_actions(user) -> list:
    """``user``'s latest entries in Django's admin log about anything but stories (their moves say that)."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    stories = ContentType.objects.get_for_model(Article)
    entries = LogEntry.objects.filter(user=user).exclude(content_type=stories).select_related("content_type")
    return list(entries.order_by("-action_time", "-id")[:DESK_RECENT_MOVES])


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


# How many pictures the story form's picker shows at once; a search narrows them.
PICTURES_SHOWN = 24
PICTURE_WORDS = ("alt_ar", "alt_en", "caption_ar", "caption_en", "credit_ar", "credit_en")


def desk_pictures(query: str = "", *, limit: int = PICTURES_SHOWN) -> list[Image]:
    """Pictures for the story form's picker, newest first, in one query.

    ``query`` is looked for in the alt text, caption and credit in either
    language, so Arabic words find the Arabic description. Each picture has
    ``used_in``: how many stories (outside the trash) show it, live or in
    their current revision.
    """
    stories = (
        Article.objects.filter(Q(lead_image=OuterRef("pk")) | Q(latest_revision__lead_image=OuterRef("pk")))
        .exclude(status=State.TRASHED)
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count")
    )
    pictures = Image.objects.annotate(used_in=Subquery(stories, output_field=IntegerField())).only(
        "file", "width", "height", "sources", "created_at", *PICTURE_WORDS
    )
    words = " ".join((query or "").split())
    if words:
        found = Q()
        for name in PICTURE_WORDS:
            found |= Q(**{f"{name}__icontains": words})
        pictures = pictures.filter(found)
    return list(pictures.order_by("-created_at", "-id")[:limit])
