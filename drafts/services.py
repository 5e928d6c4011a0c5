"""Every write to draft copies: keep what an editor typed, throw it away, clear it once saved."""

from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from articles.models import Article, Revision

from .models import DraftBuffer
from .rules import FORM_NAMES, MAX_VALUES, may_edit


def buffer_save(
    *,
    user,
    article: Article | None,
    content: Mapping[str, Sequence[str]],
    base_revision: Revision | None = None,
) -> DraftBuffer:
    """Keep ``content`` (the story form's fields by name, each a list of values) as ``user``'s draft copy.

    One copy per person per story (``article`` None: the story they are
    starting), overwritten by each call. Refused unless ``user`` may edit
    the story now. Nothing is saved as a revision and nothing reaches readers.
    """
    if not may_edit(user, article):
        raise PermissionDenied(_("You cannot edit this story, so no draft copy of it is kept."))
    values = _clean(content)
    if base_revision is not None and (article is None or base_revision.article_id != article.pk):
        raise ValidationError(_("That revision belongs to another story."))
    buffer, _created = DraftBuffer.objects.update_or_create(
        user=user, article=article, defaults={"content": values, "base_revision": base_revision}
    )
    return buffer


def buffer_discard(*, user, article: Article | None) -> bool:
    """Throw ``user``'s draft copy of ``article`` away; whether there was one."""
    deleted, _rows = DraftBuffer.objects.filter(user=user, article=article).delete()
    return bool(deleted)


def buffers_clear_saved(*, user, article: Article, revision: Revision) -> None:
    """``revision`` holds what ``user`` typed: remove their draft copy of the story.

    Their copy of a new story goes too when this is the story's first
    revision. A restore copies an old revision, not what was typed, so it
    leaves the copy alone.
    """
    if user is None or revision.restored_from_id is not None:
        return
    stories = Q(article=article)
    if revision.number == 1:
        stories |= Q(article__isnull=True)
    DraftBuffer.objects.filter(stories, user=user).delete()


def _clean(content: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The form's values, by known names only, each a list of strings (the form decides the rest on save)."""
    unknown = set(content) - set(FORM_NAMES)
    if unknown:
        raise ValidationError(_("Unknown story fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    values = {}
    for name in FORM_NAMES:
        given = content.get(name, [])
        given = [given] if isinstance(given, str) else list(given)
        if len(given) > MAX_VALUES or not all(isinstance(value, str) for value in given):
            raise ValidationError(_("The field “%(name)s” is not a list of text.") % {"name": name})
        if any("\x00" in value for value in given):
            raise ValidationError(_("The form contains a character that is not allowed."))
        values[name] = given
    return values
