"""Moving stories through the workflow.

Each service follows one order: open a transaction, lock the story's row,
ask the workflow table whether this user may make this move now, write the
change and its history row, and leave side effects (cache purges) until the
transaction has committed.
"""

from datetime import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import workflow
from ..models import Article, ArticleAuthor, ArticleTag, Correction, Revision
from ..models.content import copy_content
from ..richtext import clean_text
from ..workflow import Action, State, context_for
from ._common import announce_story_event, lock, record
from .content import check_times
from .live import live_copy_refresh
from .media import story_renditions_ensure
from .revisions import revision_restore


def article_submit(*, article: Article, revision: Revision, user, note: str = "") -> Article:
    """Send ``revision`` (the current one) to the moderators."""
    with transaction.atomic():
        locked = lock(article)
        revision = _revision_of(locked, revision)
        from_state = locked.status
        locked.status = workflow.check(Action.SUBMIT, context_for(locked, user=user, revision=revision))
        locked.review_revision = revision
        locked.save(update_fields=["status", "review_revision"])
        record(locked, action=Action.SUBMIT, from_state=from_state, user=user, revision=revision, comment=note)
    return locked


def revision_submit(*, article: Article, revision: Revision, user, note: str = "") -> Article:
    """Send the text of ``revision`` to the moderators, whichever revision it is.

    The current revision is submitted as it is. A side revision (the
    editor's own text, kept beside the current one after a conflict) is
    first made the current one by a restore, recorded as such, and that is
    submitted: the moderators get the text the editor was looking at, never
    a colleague's revision in its place.
    """
    with transaction.atomic():
        article.refresh_from_db()
        if revision.article_id == article.pk and revision.pk != article.latest_revision_id:
            revision = revision_restore(
                article=article,
                revision=revision,
                user=user,
                note=_("Revision %(number)s, made current to submit it.") % {"number": revision.number},
            ).revision
        return article_submit(article=article, revision=revision, user=user, note=note)


def article_withdraw(*, article: Article, user, note: str = "") -> Article:
    """Take a story back from review to keep working on it."""
    return _simple_move(article, Action.WITHDRAW, user=user, comment=note, clear=("review_revision",))


def article_request_changes(*, article: Article, user, comment: str) -> Article:
    """Return a story in review to its editors, saying what to change."""
    return _simple_move(article, Action.REQUEST_CHANGES, user=user, comment=comment, clear=("review_revision",))


def article_unschedule(*, article: Article, user, comment: str = "") -> Article:
    """Call off a scheduled publication; the story goes back to draft."""
    return _simple_move(
        article, Action.UNSCHEDULE, user=user, comment=comment, clear=("scheduled_revision", "go_live_at")
    )


def article_trash(*, article: Article, user, comment: str = "") -> Article:
    """Move a draft that is not on the site to the trash. Nothing is deleted."""
    return _simple_move(article, Action.TRASH, user=user, comment=comment, clear=("review_revision",))


def article_untrash(*, article: Article, user, comment: str = "") -> Article:
    """Bring a story back from the trash as a draft."""
    return _simple_move(article, Action.UNTRASH, user=user, comment=comment)


def revision_approve(
    *, article: Article, revision: Revision, user, publish_at: datetime | None = None, comment: str = ""
) -> Article:
    """Approve exactly ``revision``: publish it now, or schedule it.

    It goes live at ``publish_at`` (or the time the editor asked for), never
    before its embargo. Approval is refused when the revision is not the one
    submitted, when a newer revision was saved since, when the approver wrote
    it (four-eyes), or when the story is not complete in Arabic.

    A ``publish_at`` the moderator names is a request to schedule: a time
    that has already passed is refused with the reason rather than read as
    "publish now", because a moderator who typed a time meant readers to
    wait for it (a slip of the date would otherwise publish an embargoed
    story at once). Publishing now is its own move, made without a time.
    """
    check_times(publish_at=publish_at)
    with transaction.atomic():
        locked = lock(article)
        revision = _revision_of(locked, revision)
        now = timezone.now()
        go_live_at = workflow.go_live_time(revision, publish_at, now)
        asked_for_later = publish_at is not None or go_live_at > now
        action = Action.SCHEDULE if asked_for_later else Action.PUBLISH
        ctx = context_for(locked, user=user, revision=revision, comment=comment, go_live_at=go_live_at, now=now)
        state = workflow.check(action, ctx)
        from_state = locked.status
        locked.review_revision = None
        if action == Action.PUBLISH:
            _make_live(locked, revision, at=now)
        else:
            locked.scheduled_revision = revision
            locked.go_live_at = go_live_at
            locked.status = state
            locked.save(update_fields=["status", "review_revision", "scheduled_revision", "go_live_at"])
        record(locked, action=action, from_state=from_state, user=user, revision=revision, comment=comment, at=now)
    return locked


def article_unpublish(*, article: Article, user, reason: str) -> Article:
    """Take a live story off the site; its address then answers 410 Gone."""
    with transaction.atomic():
        locked = lock(article)
        from_state = locked.status
        locked.status = workflow.check(Action.UNPUBLISH, context_for(locked, user=user, comment=reason))
        revision = locked.live_revision
        locked.live_revision = None
        locked.review_revision = None
        locked.scheduled_revision = None
        locked.go_live_at = None
        locked.save(update_fields=["status", "live_revision", "review_revision", "scheduled_revision", "go_live_at"])
        record(locked, action=Action.UNPUBLISH, from_state=from_state, user=user, revision=revision, comment=reason)
        live_copy_refresh(locked, event="unpublished")
    return locked


def correction_add(
    *,
    article: Article,
    user,
    kind: str,
    text_ar: str,
    text_en: str = "",
    published_at: datetime | None = None,
) -> Correction:
    """Add a dated public note to a live story."""
    with transaction.atomic():
        locked = lock(article)
        workflow.check(Action.CORRECT, context_for(locked, user=user))
        correction = Correction(
            article=locked,
            kind=kind,
            text_ar=clean_text(text_ar),
            text_en=clean_text(text_en),
            published_at=published_at or timezone.now(),
            created_by=user,
        )
        correction.full_clean()
        correction.save()
        record(
            locked,
            action=Action.CORRECT,
            from_state=locked.status,
            user=user,
            revision=locked.live_revision,
            comment=correction.text_ar,
        )
        live_copy_refresh(locked, event="corrected")
    return correction


def article_move_record(*, article: Article, action: Action, user, comment: str = "", **context) -> Article:
    """Judge and record a move that keeps the story's state (opening or closing live coverage).

    For the apps built on articles: they call this inside their own
    transaction, then write their own rows, so the move and what it opens
    or closes commit together. ``context`` is what the table's guards need
    to know that only the calling app keeps (``coverage_open``).
    """
    with transaction.atomic():
        locked = lock(article)
        state = workflow.check(action, context_for(locked, user=user, comment=comment, **context))
        if state != locked.status:
            raise ValueError(f"{action} changes the story's state; it has a service of its own")
        record(
            locked, action=action, from_state=locked.status, user=user, revision=locked.live_revision, comment=comment
        )
    return locked


def articles_publish_due(*, now: datetime | None = None, dry_run: bool = False) -> list[Article]:
    """Publish every scheduled story whose time has come.

    Safe to run every minute from several machines: each story is taken
    under a row lock that other runs skip, and published in a transaction of
    its own, so a run that dies half-way leaves whole stories behind and the
    next run picks up the rest.
    """
    now = now or timezone.now()
    due = Article.objects.filter(status=State.SCHEDULED, go_live_at__lte=now).order_by("go_live_at", "pk")
    if dry_run:
        return list(due)
    published = []
    for article_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            locked = lock(Article(pk=article_id), skip_locked=True)
            if locked is None or locked.status != State.SCHEDULED or locked.go_live_at > now:
                continue  # another run has it, or it changed since we looked
            ctx = context_for(locked, user=None, revision=locked.scheduled_revision, now=now)
            workflow.check(Action.GO_LIVE, ctx)
            revision = locked.scheduled_revision
            at = locked.go_live_at
            locked.scheduled_revision = None
            locked.go_live_at = None
            _make_live(locked, revision, at=at)
            record(locked, action=Action.GO_LIVE, from_state=State.SCHEDULED, revision=revision, at=now)
            if revision.embargo_until is not None:
                announce_story_event(locked, "embargo_lifted")
            published.append(locked)
    return published


def _simple_move(article: Article, action: Action, *, user, comment: str, clear: tuple[str, ...] = ()) -> Article:
    with transaction.atomic():
        locked = lock(article)
        from_state = locked.status
        revision = locked.review_revision or locked.scheduled_revision or locked.latest_revision
        locked.status = workflow.check(action, context_for(locked, user=user, comment=comment))
        for name in clear:
            setattr(locked, name, None)
        locked.save(update_fields=["status", *clear])
        record(locked, action=action, from_state=from_state, user=user, revision=revision, comment=comment)
    return locked


def _revision_of(article: Article, revision: Revision) -> Revision:
    if revision.article_id != article.pk:
        raise ValidationError({"revision": [_("That revision belongs to another story.")]})
    return Revision.objects.select_related("lead_image", "created_by").get(pk=revision.pk)


def _make_live(article: Article, revision: Revision, *, at: datetime) -> None:
    """Copy ``revision`` onto the story, which is what readers are served."""
    first = article.first_published_at is None
    copy_content(revision, article)
    article.live_revision = revision
    article.status = State.PUBLISHED
    article.has_english = revision.has_language("en")
    if article.first_published_at is None:
        article.first_published_at = at
    else:
        article.last_updated_at = at
    article.save()
    ArticleAuthor.objects.filter(article=article).delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author_id=byline.author_id, position=byline.position)
        for byline in revision.bylines.all()
    )
    ArticleTag.objects.filter(article=article).delete()
    ArticleTag.objects.bulk_create(
        ArticleTag(article=article, tag_id=tag_id) for tag_id in revision.tags.values_list("pk", flat=True)
    )
    story_renditions_ensure(article=article)
    live_copy_refresh(article, event="published" if first else "updated", approved=True)
    # The newest stories sharing its tags may now list it as related.
    transaction.on_commit(partial(_queue_related_refresh, article.pk))


def _queue_related_refresh(article_id: int) -> None:
    from ..tasks import refresh_related_neighbours

    refresh_related_neighbours.enqueue(article_id)
