"""Every write of live coverage: opening and closing it, entries and their revisions, banners.

Opening and closing are workflow moves, judged and recorded by articles
(``article_move_record``) in the same transaction as the coverage row.
Every change to an entry raises its coverage's version and writes an entry
revision; once committed, the pages showing the story are forgotten by
whoever keeps copies (``pages_changed``), so readers polling get the change
from one render, however many they are.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.dependencies import story_key
from articles.models import Article, Author, Image
from articles.richtext import clean_line, clean_text, plain_text, sanitize_html
from articles.services import article_move_record
from articles.signals import pages_changed
from articles.workflow import Action

from . import rules
from .keys import BANNERS
from .models import Banner, Coverage, Entry, EntryCorrection, EntryRevision

Change = EntryRevision.Change
TEXT_FIELDS = ("body_ar", "body_en", "quote_ar", "quote_en", "quote_by_ar", "quote_by_en")
ENTRY_FIELDS = (
    "posted_at",
    "body_ar",
    "body_en",
    "image",
    "quote_ar",
    "quote_en",
    "quote_by_ar",
    "quote_by_en",
    "author",
)


def coverage_open(*, article: Article, user, staff=(), comment: str = "") -> Coverage:
    """Open live coverage of ``article`` (a moderator's move); ``staff`` may then post entries."""
    with transaction.atomic():
        existing = Coverage.objects.select_for_update().filter(article=article).first()
        is_open = existing is not None and existing.is_open
        article_move_record(
            article=article, action=Action.OPEN_COVERAGE, user=user, comment=comment, coverage_open=is_open
        )
        now = timezone.now()
        if existing is None:
            coverage = Coverage.objects.create(article=article, opened_at=now, opened_by=user)
        else:  # reopened: the entries of before stay
            coverage = existing
            coverage.closed_at = coverage.closed_by = None
            coverage.save(update_fields=["closed_at", "closed_by"])
        if staff:
            coverage.staff.add(*staff)
        _changed(coverage)
    return coverage


def coverage_close(*, coverage: Coverage, user, comment: str = "") -> Coverage:
    """Close the coverage: the page stays as an ordinary story with its entries; nothing more is posted."""
    with transaction.atomic():
        locked = Coverage.objects.select_for_update().get(pk=coverage.pk)
        article_move_record(
            article=locked.article,
            action=Action.CLOSE_COVERAGE,
            user=user,
            comment=comment,
            coverage_open=locked.is_open,
        )
        locked.closed_at = timezone.now()
        locked.closed_by = user
        locked.full_clean()
        locked.save(update_fields=["closed_at", "closed_by"])
        _changed(locked)
    return locked


def coverage_staff_set(*, coverage: Coverage, user, staff) -> Coverage:
    """Name who may post entries (a moderator's choice)."""
    from articles.workflow import APPROVE

    if not user.has_perm(APPROVE):
        raise PermissionDenied(_("Only a moderator names the staff of a live coverage."))
    coverage.staff.set(staff)
    return coverage


def entry_post(
    *,
    coverage: Coverage,
    user,
    body_ar: str = "",
    body_en: str = "",
    image: Image | None = None,
    quote_ar: str = "",
    quote_en: str = "",
    quote_by_ar: str = "",
    quote_by_en: str = "",
    author: Author | None = None,
    posted_at: datetime | None = None,
    pinned: bool = False,
    key_event: bool = False,
) -> Entry:
    """Post an entry; readers see it at once."""
    with transaction.atomic():
        locked = _locked_for(coverage, user)
        now = timezone.now()
        entry = Entry(
            coverage=locked,
            posted_at=posted_at or now,
            image=image,
            author=author,
            pinned=pinned,
            key_event=key_event,
            created_by=user,
            updated_at=now,
        )
        _fill(
            entry,
            body_ar=body_ar,
            body_en=body_en,
            quote_ar=quote_ar,
            quote_en=quote_en,
            quote_by_ar=quote_by_ar,
            quote_by_en=quote_by_en,
        )
        entry.full_clean(exclude=["version"])
        entry.version = _bump(locked)
        entry.save()
        _revise(entry, Change.POSTED, user, at=now)
    return entry


def entry_edit(*, entry: Entry, user, **fields) -> Entry:
    """Change an entry's time, text, picture, quote or author; recorded as a revision."""
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"entry_edit() got unexpected fields: {sorted(unknown)}")
    return _change(entry, user, Change.EDITED, fields)


def entry_pin(*, entry: Entry, user, pinned: bool) -> Entry:
    """Pin an entry (shown first) or unpin it."""
    return _change(entry, user, Change.PINNED if pinned else Change.UNPINNED, {"pinned": pinned})


def entry_mark_key_event(*, entry: Entry, user, key_event: bool) -> Entry:
    """List an entry in the key events summary, or take it out."""
    return _change(entry, user, Change.KEY_EVENT if key_event else Change.NOT_KEY_EVENT, {"key_event": key_event})


def entry_remove(*, entry: Entry, user) -> Entry:
    """Take an entry off readers' pages; its revisions stay in the story's history."""
    return _change(entry, user, Change.REMOVED, {"removed_at": timezone.now(), "pinned": False, "key_event": False})


def entry_correct(*, entry: Entry, user, kind: str, text_ar: str, text_en: str = "") -> EntryCorrection:
    """Add a dated public note to an entry, as corrections are added to stories."""
    with transaction.atomic():
        correction = EntryCorrection(
            entry=entry,
            kind=kind,
            text_ar=clean_text(text_ar),
            text_en=clean_text(text_en),
            published_at=timezone.now(),
            created_by=user,
        )
        correction.full_clean()
        correction.save()  # before the revision, which lists the entry's corrections
        _change(entry, user, Change.CORRECTED, {})
    return correction


def banner_raise(*, article: Article, user, language: str, ends_at: datetime, text: str = "") -> Banner:
    """Raise a breaking-news banner for ``article`` over every page of one edition until ``ends_at``."""
    if not rules.may_raise_banner(user):
        raise PermissionDenied(_("You may not raise breaking-news banners."))
    if not Article.objects.live().filter(pk=article.pk).exists():
        raise ValidationError({"article": [_("The story is not on the public site, so readers could not open it.")]})
    if language not in article.live_languages():
        raise ValidationError({"language": [_("The story has no edition in that language.")]})
    now = timezone.now()
    if ends_at <= now:
        raise ValidationError({"ends_at": [_("Choose an end time in the future.")]})
    banner = Banner(
        article=article, language=language, text=clean_line(text), starts_at=now, ends_at=ends_at, raised_by=user
    )
    banner.full_clean()
    with transaction.atomic():
        banner.save()
        _banners_changed()
    return banner


def banner_lower(*, banner: Banner, user) -> Banner:
    """Take a banner down before its end time."""
    if not rules.may_raise_banner(user):
        raise PermissionDenied(_("You may not raise breaking-news banners."))
    with transaction.atomic():
        banner = Banner.objects.select_for_update().get(pk=banner.pk)
        if banner.lowered_at is None:
            banner.lowered_at = timezone.now()
            banner.lowered_by = user
            banner.save(update_fields=["lowered_at", "lowered_by"])
            _banners_changed()
    return banner


# ----------------------------------------------------------------------


def _locked_for(coverage: Coverage, user) -> Coverage:
    """The coverage's row, locked, once ``user`` is known to be allowed to post in it."""
    locked = Coverage.objects.select_for_update().select_related("article").get(pk=coverage.pk)
    on_staff = locked.staff.filter(pk=user.pk).exists() if user is not None else False
    if not rules.may_post(user, coverage_open=locked.is_open, on_staff=on_staff):
        if not locked.is_open:
            raise ValidationError(_("This live coverage is closed: entries can no longer be posted or changed."))
        raise PermissionDenied(_("Only the coverage's staff and the moderators post entries."))
    return locked


def _fill(entry: Entry, **values) -> None:
    for name in ("body_ar", "body_en"):
        if name in values:
            cleaned = sanitize_html(values[name])
            # Markup with no words in it (an empty paragraph the editor left) is no text.
            setattr(entry, name, cleaned if plain_text(cleaned) else "")
    for name in ("quote_ar", "quote_en"):
        if name in values:
            setattr(entry, name, clean_text(values[name]))
    for name in ("quote_by_ar", "quote_by_en"):
        if name in values:
            setattr(entry, name, clean_line(values[name]))
    if not any((entry.body_ar, entry.body_en, entry.quote_ar, entry.quote_en, entry.image_id)):
        raise ValidationError(_("Write the entry's text, a quote or choose a picture: an entry cannot be empty."))


def _change(entry: Entry, user, change: str, fields: dict) -> Entry:
    with transaction.atomic():
        coverage = _locked_for(entry.coverage, user)
        locked = Entry.objects.select_for_update().get(pk=entry.pk, coverage=coverage)
        if locked.is_removed:
            raise ValidationError(_("This entry was removed; it cannot be changed."))
        text = {name: fields.pop(name) for name in list(fields) if name in TEXT_FIELDS}
        for name, value in fields.items():
            setattr(locked, name, value)
        _fill(locked, **text)
        locked.full_clean(exclude=["version"])
        locked.updated_at = timezone.now()
        locked.version = _bump(coverage)
        locked.save()
        _revise(locked, change, user, at=locked.updated_at)
    return locked


def _bump(coverage: Coverage) -> int:
    """Raise the (locked) coverage's version; readers ask for what changed after theirs."""
    coverage.version += 1
    coverage.save(update_fields=["version"])
    _changed(coverage)
    return coverage.version


def _revise(entry: Entry, change: str, user, *, at) -> EntryRevision:
    last = entry.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    snapshot = {
        "posted_at": entry.posted_at.isoformat(),
        "body_ar": entry.body_ar,
        "body_en": entry.body_en,
        "image": entry.image_id,
        "quote_ar": entry.quote_ar,
        "quote_en": entry.quote_en,
        "quote_by_ar": entry.quote_by_ar,
        "quote_by_en": entry.quote_by_en,
        "author": entry.author_id,
        "pinned": entry.pinned,
        "key_event": entry.key_event,
        "removed": entry.is_removed,
        "corrections": list(entry.corrections.values_list("text_ar", flat=True)),
    }
    return EntryRevision.objects.create(
        entry=entry, number=last + 1, change=change, snapshot=snapshot, created_by=user, created_at=at
    )


def _changed(coverage: Coverage) -> None:
    """Once committed, the story's pages (its page, its updates, its feed) are forgotten."""
    keys = [story_key(coverage.article_id)]
    transaction.on_commit(lambda: pages_changed.send(sender=Coverage, keys=keys), robust=True)


def _banners_changed() -> None:
    transaction.on_commit(lambda: pages_changed.send(sender=Banner, keys=[BANNERS]), robust=True)
