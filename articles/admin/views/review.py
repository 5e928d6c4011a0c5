"""The review view: where a moderator reads a submitted revision and decides.

A story with a live version opens as compare-with-live; a story never
published opens as a clean reading view, the submitted revision drawn with
the public story template as readers would see it. Both carry the decision
bar (approve, schedule, request changes), drawn from the story's action area
and kept in view while the moderator reads.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from ... import editions, selectors
from ...jinja import PUBLIC
from ...models import Article, Revision
from ...presentation import StoryPage
from ...workflow import REVIEW_MOVES
from ..moves import move_buttons
from .base import compare_url, preview_links, story_or_404
from .preview import preview_language


def review_url(article: Article) -> str:
    return reverse("admin:articles_article_review", kwargs={"object_id": article.pk})


def decision_bar(request, article: Article, revision: Revision, *, reading: str | None = None) -> str:
    """The decision bar for ``revision``, in the admin's language, as HTML.

    ``reading`` is the edition the reading view shows; the bar then links to the others.
    """
    moves = move_buttons(
        article, request.user, next_url=reverse("admin:articles_article_review_queue"), only=REVIEW_MOVES
    )
    language = translation.get_language()
    context = {
        "original": article,
        "revision": revision,
        "moves": moves,
        "public": reading is not None,
        "language": language,
        "direction": editions.direction(language) if language in editions.languages() else "ltr",
        "change_url": reverse("admin:articles_article_change", args=[article.pk]),
        "queue_url": reverse("admin:articles_article_review_queue"),
        "readings": [
            {**link, "url": f"{review_url(article)}?language={link['code']}"}
            for link in preview_links(article, revision)
            if link["code"] != reading
        ]
        if reading is not None
        else [],
    }
    return render_to_string("admin/articles/article/includes/decision_bar.html", context, request=request)


def review(model_admin, request, object_id):
    """Open the submitted revision the way its review needs: against what is live, or as readers would read it."""
    article = story_or_404(model_admin, request, object_id)
    if article.review_revision_id is None:
        messages.info(request, _("This story is not waiting for review."))
        return redirect("admin:articles_article_change", article.pk)
    if article.live_revision_id is not None:
        return redirect(compare_url(article))  # its defaults: what is live against the submitted revision
    revision = selectors.desk_review_revision(article)
    language = preview_language(request)
    bar = decision_bar(request, article, revision, reading=language)
    # The story's panels (comments, ...) beside the text, in the admin's language like the bar.
    panels = render_to_string(
        "admin/articles/article/includes/story_panels.html",
        {"original": article, "new": revision, **model_admin.admin_site.each_context(request)},
        request=request,
    )
    desk_language = translation.get_language()
    with translation.override(language):
        response = render(
            request,
            "admin/articles/article/review_read.html",
            {
                "story": StoryPage.preview(revision),
                "decision_bar": bar,
                "panels": panels,
                "desk_language": desk_language,
            },
            using=PUBLIC,  # the public story page's engine
        )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
