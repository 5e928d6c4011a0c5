"""One revision, read-only, as it was saved."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ... import editions, selectors
from ...models import TRANSLATED_FIELDS, Revision
from ...workflow import Action
from ..forms import RestoreForm
from .base import compare_url, headline, preview_links, revision_or_404, screen_context, story_or_404


def revision(model_admin, request, object_id, number):
    """One revision, read-only: each edition's text in its own column, and what it is."""
    article = story_or_404(model_admin, request, object_id)
    shown = revision_or_404(article, number)
    context = screen_context(
        model_admin,
        request,
        article,
        title=_("Revision %(number)s of “%(story)s”") % {"number": number, "story": headline(article)},
        revision=shown,
        columns=[
            {
                "code": code,
                "name": editions.translated_name(code),
                "dir": editions.direction(code),
                "values": [
                    (Revision._meta.get_field(name).verbose_name, getattr(shown, f"{name}_{code}") or "", name)
                    for name in TRANSLATED_FIELDS
                ],
            }
            for code in editions.languages()
        ],
        previews=preview_links(article, shown),
        is_head=shown.pk == article.latest_revision_id,
        is_live=shown.pk == article.live_revision_id,
        is_review=shown.pk == article.review_revision_id,
        may_restore=Action.RESTORE in selectors.moves_for(article, request.user),
        restore_form=RestoreForm(),
        compare_previous_url=compare_url(article, number - 1 if number > 1 else None, number),
        compare_url=compare_url(article),
    )
    return TemplateResponse(request, "admin/articles/article/revision.html", context)
