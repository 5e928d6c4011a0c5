"""Creating stories and their revisions. Revisions are only ever added."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import signals, workflow
from ..editions import languages
from ..merge import merge_apply, merge_plan
from ..models import Article, Author, Revision, RevisionAuthor, RevisionTag, Tag
from ..models.content import content_names, content_of, translated_names
from ..richtext import clean_text
from ..signals import revision_saved
from ..workflow import context_for
from ._common import lock, record
from .content import clean_content


@dataclass(frozen=True)
class SaveResult:
    """The outcome of a save: the new revision, and whether it lost a race."""

    revision: Revision
    conflict: bool

    @property
    def message(self) -> str:
        if not self.conflict:
            return _("Saved as revision %(number)s.") % {"number": self.revision.number}
        head = self.revision.conflict_with
        return _(
            "%(who)s saved revision %(head)s while you were editing. Your text is kept as revision "
            "%(number)s and nothing was overwritten: compare the two, then restore yours or edit the "
            "current one."
        ) % {"who": head.created_by.get_username(), "head": head.number, "number": self.revision.number}


def article_create(
    *,
    user,
    content: Mapping[str, Any],
    authors: Sequence[Author] = (),
    tags: Sequence[Tag] = (),
    note: str = "",
    external_id: str = "",
) -> Article:
    """Start a new story as a draft; its first save is revision 1."""
    if not user.has_perm("articles.add_article"):
        raise PermissionDenied(_("You are not allowed to write stories."))
    values = clean_content(content)
    _validate(values, authors, tags)
    with transaction.atomic():
        article = Article(status=workflow.State.DRAFT, created_by=user, external_id=external_id.strip())
        article.full_clean(exclude=["latest_revision", "live_revision", "review_revision", "scheduled_revision"])
        article.save()
        revision_create(
            article=article, user=user, content=values, authors=authors, tags=tags, base_revision=None, note=note
        )
        article.refresh_from_db()
    return article


def revision_create(
    *,
    article: Article,
    user,
    content: Mapping[str, Any],
    authors: Sequence[Author] = (),
    tags: Sequence[Tag] = (),
    base_revision: Revision | None,
    note: str = "",
    english_reviewed: bool = False,
    restored_from: Revision | None = None,
) -> SaveResult:
    """Save a new revision of ``article``.

    ``base_revision`` is the revision the editor started from. When someone
    else saved after it, the new revision is still stored, whole, but it does
    not become the current one: it is returned as a conflict for the editor to
    compare and reconcile, and no one's work is overwritten.

    ``english_reviewed`` says the editor checked the English against the
    Arabic, clearing the "English may be out of date" flag.
    """
    values = clean_content(content)
    _validate(values, authors, tags)
    action = workflow.Action.RESTORE if restored_from else workflow.Action.SAVE
    with transaction.atomic():
        locked = lock(article)
        state = workflow.check(action, context_for(locked, user=user))
        head = locked.latest_revision
        conflict = head is not None and (base_revision is None or base_revision.pk != head.pk)
        previous = base_revision or head
        revision = Revision(
            article=locked,
            number=(locked.revisions.aggregate(top=Max("number"))["top"] or 0) + 1,
            created_by=user,
            created_at=timezone.now(),
            note=clean_text(note),
            based_on=previous,
            conflict_with=head if conflict else None,
            restored_from=restored_from,
            english_stale=_english_stale(previous, values, english_reviewed),
            **values,
        )
        revision.full_clean(exclude=["article", "based_on", "conflict_with", "restored_from", "created_by"])
        revision.save()
        RevisionAuthor.objects.bulk_create(
            RevisionAuthor(revision=revision, author=author, position=index) for index, author in enumerate(authors)
        )
        RevisionTag.objects.bulk_create(RevisionTag(revision=revision, tag=tag) for tag in tags)
        if not conflict:
            _advance_head(locked, revision, user=user, state=state, action=action)
        else:
            transaction.on_commit(partial(_announce_parallel, locked, revision, head.created_by))
        revision_saved.send(sender=Revision, article=locked, revision=revision, user=user)
    article.refresh_from_db()
    return SaveResult(revision=revision, conflict=conflict)


def revision_restore(*, article: Article, revision: Revision, user, note: str = "") -> SaveResult:
    """Copy an old revision into a new current revision; history is not rewound."""
    if revision.article_id != article.pk:
        raise ValidationError(_("That revision belongs to another story."))
    source = Revision.objects.with_relations().get(pk=revision.pk)
    content = content_of(source)
    article.refresh_from_db()
    return revision_create(
        article=article,
        user=user,
        content={name: content[name] for name in content_names()},
        authors=content["authors"],
        tags=content["tags"],
        base_revision=article.latest_revision,
        note=note or _("Restored from revision %(number)s.") % {"number": source.number},
        restored_from=source,
    )


def revision_combine(
    *, article: Article, user, old: Revision, new: Revision, picks: Mapping[str, Mapping[int, str]], note: str = ""
) -> SaveResult:
    """Save a new current revision from two: ``new``'s fields, with each body's paragraphs taken as picked.

    ``picks`` says, per language, for each differing run of paragraphs
    (``merge.merge_plan``'s chunks), whether to take ``old``'s, ``new``'s or
    both; a run not named keeps ``new``'s. Either side of a conflict can
    take the other's paragraphs this way; nothing is overwritten.
    """
    if old.article_id != article.pk or new.article_id != article.pk:
        raise ValidationError(_("That revision belongs to another story."))
    source = Revision.objects.with_relations().get(pk=new.pk)
    content = content_of(source)
    values = {name: content[name] for name in content_names()}
    for code in languages():
        name = f"body_{code}"
        if code in picks:
            values[name] = merge_apply(merge_plan(getattr(old, name) or "", getattr(new, name) or ""), picks[code])
    article.refresh_from_db()
    return revision_create(
        article=article,
        user=user,
        content=values,
        authors=content["authors"],
        tags=content["tags"],
        base_revision=article.latest_revision,
        note=note or _("Paragraphs taken from revisions %(old)s and %(new)s.") % {"old": old.number, "new": new.number},
    )


def _announce_parallel(article: Article, revision: Revision, overtaken_user) -> None:
    signals.parallel_revision.send(sender=Revision, article=article, revision=revision, overtaken_user=overtaken_user)


def _advance_head(article: Article, revision: Revision, *, user, state, action) -> None:
    from_state = article.status
    article.latest_revision = revision
    update_fields = ["latest_revision"]
    if state != from_state:
        # Saving over an approved schedule voids it: the approval was for
        # the text before this save.
        if from_state == workflow.State.SCHEDULED:
            article.scheduled_revision = None
            article.go_live_at = None
            update_fields += ["scheduled_revision", "go_live_at"]
        article.status = state
        update_fields.append("status")
    article.save(update_fields=update_fields)
    if state != from_state:
        record(article, action=action, from_state=from_state, user=user, revision=revision)


def _validate(values: Mapping[str, Any], authors: Sequence[Author], tags: Sequence[Tag]) -> None:
    errors = {}
    if not any(values[f"headline_{code}"] for code in languages()):
        errors["headline_ar"] = [_("Give the story a headline, even a working one, so it can be found again.")]
    if len({author.pk for author in authors}) != len(authors):
        errors["authors"] = [_("An author appears twice in the byline.")]
    if len({tag.pk for tag in tags}) != len(tags):
        errors["tags"] = [_("A tag appears twice.")]
    if errors:
        raise ValidationError(errors)


def _english_stale(previous: Revision | None, values: Mapping[str, Any], english_reviewed: bool) -> bool:
    """Flag the English as possibly stale when only the Arabic moved on."""
    if english_reviewed or previous is None:
        return False
    names = translated_names()
    before = {name: getattr(previous, name) for name in names}
    arabic_changed = any(values[name] != before[name] for name in names if name.endswith("_ar"))
    english_changed = any(values[name] != before[name] for name in names if name.endswith("_en"))
    has_english = any(values[name] for name in names if name.endswith("_en"))
    if english_changed or not has_english:
        return False
    return arabic_changed or previous.english_stale
