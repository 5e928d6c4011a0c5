"""A revision drawn with the public story template, in one edition, never cached."""

from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control

from ... import editions
from ...presentation import StoryPage
from .base import revision_or_404, story_or_404


def preview_language(request) -> str:
    """The edition asked for (``?language=``), or the primary one."""
    language = request.GET.get("language", editions.primary())
    return language if language in editions.languages() else editions.primary()


def preview(model_admin, request, object_id, number):
    """A revision drawn with the public story template, in its language, never cached."""
    article = story_or_404(model_admin, request, object_id)
    shown = revision_or_404(article, number)
    with translation.override(preview_language(request)):
        # Rendered now, inside the language, not lazily after it ends.
        response = render(request, "articles/story.html", {"story": StoryPage.preview(shown)})
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
