"""Two revisions side by side or inline; by default, the submitted one against what is live."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ... import selectors
from ...diff import diff_revisions
from ..compare import change_rows
from ..forms import CompareForm
from .base import headline, screen_context, story_or_404
from .combine import combine_context
from .review import decision_bar


def compare(model_admin, request, object_id):
    """Two revisions side by side or inline; by default, the submitted one against what is live."""
    article = story_or_404(model_admin, request, object_id)
    choices = list(selectors.desk_revision_choices(article))
    old_default, new_default = selectors.desk_compare_defaults(article)
    data = {"old": old_default or "", "new": new_default, "view": "side", **request.GET.dict()}
    form = CompareForm(data, revisions=choices)
    if form.is_valid():
        old_number, new_number, view = form.cleaned_data["old"], form.cleaned_data["new"], form.cleaned_data["view"]
    else:
        old_number, new_number, view = old_default, new_default, "side"
    loaded = selectors.desk_revisions_by_number(article, (old_number, new_number))
    old, new = loaded.get(old_number), loaded.get(new_number)
    rows = change_rows(diff_revisions(old, new), view=view or "side") if new is not None else []
    context = screen_context(
        model_admin,
        request,
        article,
        title=_("Compare revisions of “%(story)s”") % {"story": headline(article)},
        form=form,
        old=old,
        new=new,
        rows=rows,
        view=view or "side",
        live_revision_id=article.live_revision_id,
        review_revision_id=article.review_revision_id,
        latest_revision_id=article.latest_revision_id,
        view_links={key: f"?old={old_number or ''}&new={new_number or ''}&view={key}" for key in ("side", "inline")},
        decision_bar=decision_bar(request, article, new)
        if new is not None and new.pk == article.review_revision_id
        else "",
        combine=combine_context(request, article, old, new),
    )
    return TemplateResponse(request, "admin/articles/article/compare.html", context)
