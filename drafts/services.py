"""Every write to draft copies: keep what an editor typed, throw it away, clear it once saved."""

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, router
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Revision

from .models import DraftBuffer
from .rules import FORM_NAMES, MAX_VALUES, may_edit, may_edit_sql


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


def buffer_resave(
    *,
    user,
    article_id: int | None,
    content: Mapping[str, Sequence[str]],
    base_revision_id: int | None = None,
) -> datetime | None:
    """Overwrite ``user``'s existing draft copy in one query, if they may still edit the story; when it was kept.

    The autosave's usual case: the copy exists since the form's first one.
    The query that overwrites it also checks the right to edit the story
    (``rules.may_edit_sql``) and that ``base_revision_id`` is the
    story's, so nothing is kept for someone refused. ``None`` when nothing
    was written (no copy yet, refused, or another story's revision): the
    caller then takes ``buffer_save``, which writes the copy or says why not.
    The statement is written out: building its conditions with the ORM cost
    more than the write itself.
    """
    values = _clean(content)
    condition = may_edit_sql(user, article_id)
    if condition is None:
        return None
    may_edit_now, params = condition
    table = DraftBuffer._meta
    story = "article_id = %s" if article_id is not None else "article_id IS NULL"
    base = (
        f"EXISTS (SELECT 1 FROM {Revision._meta.db_table} WHERE id = %s AND article_id = %s)"
        if base_revision_id is not None
        else "1 = 1"
    )
    now = timezone.now()
    connection = connections[router.db_for_write(DraftBuffer)]
    field = table.get_field
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table.db_table} SET content = %s, base_revision_id = %s, updated_at = %s"
            f" WHERE user_id = %s AND {story} AND {base} AND {may_edit_now}",
            [
                field("content").get_db_prep_save(values, connection),
                base_revision_id,
                field("updated_at").get_db_prep_save(now, connection),
                user.pk,
                *([article_id] if article_id is not None else []),
                *([base_revision_id, article_id] if base_revision_id is not None else []),
                *params,
            ],
        )
        written = cursor.rowcount
    return now if written else None


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
