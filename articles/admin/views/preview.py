"""A revision, or what the story form holds now, drawn with the public story template, never cached."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

from ... import editions
from ...jinja import PUBLIC
from ...models import STORY_CONTENT, Revision
from ...presentation import StoryPage
from .base import revision_or_404, story_or_404


def preview_language(request) -> str:
    """The edition asked for (``?language=``, or ``language`` in a POST), or the primary one."""
    language = request.POST.get("language") or request.GET.get("language", editions.primary())
    return language if language in editions.languages() else editions.primary()


def preview(model_admin, request, object_id, number):
    """A revision drawn with the public story template, in its language, never cached."""
    article = story_or_404(model_admin, request, object_id)
    shown = revision_or_404(article, number)
    with translation.override(preview_language(request)):
        # Rendered now, inside the language, not lazily after it ends.
        response = render(request, "articles/story.html", {"story": StoryPage.preview(shown)}, using=PUBLIC)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def preview_unsaved(model_admin, request, object_id):
    """What the story form holds now (POST of the form), drawn as readers would see it; nothing is saved.

    The form's data is checked as a save would check it and made into a
    revision that is never stored; a field the form refuses (a mistyped
    date) is left out rather than stopping the preview.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = story_or_404(model_admin, request, object_id)
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    form = model_admin.get_form(request, article, change=True)(request.POST, request.FILES, instance=article)
    form.is_valid()
    data = form.cleaned_data
    revision = Revision(
        article=article,
        created_by=request.user,
        created_at=timezone.now(),
        **{
            name: data.get(name)
            for spec in STORY_CONTENT
            if not spec.relation
            for name in ([f"{spec.name}_{code}" for code in editions.languages()] if spec.translated else [spec.name])
        },
    )
    page = StoryPage.unsaved(revision, authors=list(data.get("authors") or []), tags=list(data.get("tags") or []))
    with translation.override(preview_language(request)):
        response = render(request, "articles/story.html", {"story": page}, using=PUBLIC)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
