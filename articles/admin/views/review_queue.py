"""The review queue: every submitted revision waiting for a moderator, oldest first.

Each row leads into the review view, where the moderator reads the revision
before deciding; no row approves a story unread.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ... import editions, selectors
from ...admin_site import story_marks
from ...models import Article
from ..filters import EnglishFilter, SectionFilter
from .base import screen_context
from .review import review_url


def review_queue(model_admin, request):
    """Every submitted revision waiting for a moderator, oldest first, each leading into its review."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    section, english = request.GET.get("section") or None, request.GET.get("english") or None
    stories = selectors.desk_filter(
        selectors.desk_review_queue(), revision="review_revision", section=section, english=english
    )
    if request.GET.get("updated") == "yes":
        stories = stories.filter(updated_since_submission=True)
    stories = list(stories)
    marks = story_marks(request, stories)  # other apps' marks (presence: who is editing), for the page at once
    rows = [
        {
            "article": article,
            "revision": article.review_revision,
            "review_url": review_url(article),
            "previews": _previews(article),
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


def _previews(article: Article) -> list[dict]:
    """A preview link per edition of the submitted revision, from the queue's own columns (no body is read)."""
    number = article.review_revision.number
    url = reverse("admin:articles_article_preview", kwargs={"object_id": article.pk, "number": number})
    return [
        {"code": code, "name": editions.translated_name(code), "url": f"{url}?language={code}"}
        for code in editions.languages()
        if code == editions.primary() or article.review_has_english
    ]
