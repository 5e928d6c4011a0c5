"""The review queue: every submitted revision waiting for a moderator, oldest first."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ... import selectors
from ...admin_site import story_marks
from ...models import Article
from ...workflow import REVIEW_MOVES
from ..filters import EnglishFilter, SectionFilter
from ..moves import move_buttons
from .base import compare_url, screen_context


def review_queue(model_admin, request):
    """Every submitted revision waiting for a moderator, oldest first, with the moves this user may make."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    section, english = request.GET.get("section") or None, request.GET.get("english") or None
    stories = selectors.desk_filter(
        selectors.desk_review_queue(), revision="review_revision", section=section, english=english
    )
    if request.GET.get("updated") == "yes":
        stories = stories.filter(updated_since_submission=True)
    next_url = request.get_full_path()
    stories = list(stories)
    marks = story_marks(request, stories)
    rows = [
        {
            "article": article,
            "revision": article.review_revision,
            "compare_url": compare_url(article),
            "moves": move_buttons(article, request.user, next_url=next_url, only=REVIEW_MOVES),
            "marks": marks.get(article.pk, ()),
        }
        for article in stories
    ]
    context = screen_context(
        model_admin,
        request,
        title=_("Review queue"),
        rows=rows,
        sections=SectionFilter(request, {}, Article, model_admin).lookup_choices,
        chosen={"section": section or "", "english": english or "", "updated": request.GET.get("updated", "")},
        english_choices=EnglishFilter(request, {}, Article, model_admin).lookup_choices,
    )
    return TemplateResponse(request, "admin/articles/article/review_queue.html", context)
