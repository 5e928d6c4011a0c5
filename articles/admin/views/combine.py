"""Taking paragraphs from two revisions into a new one (from compare; POST only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ... import editions, selectors, services
from ...merge import PICKS, merge_plan
from ...workflow import Action
from .base import compare_url, revision_or_404, story_or_404


def combine_context(request, article, old, new) -> dict | None:
    """The "take paragraphs" form for compare: each language's differing runs of paragraphs, or ``None``."""
    if old is None or new is None or old.pk == new.pk or Action.SAVE not in selectors.moves_for(article, request.user):
        return None
    languages = []
    for code in editions.languages():
        name = f"body_{code}"
        chunks = [chunk for chunk in merge_plan(getattr(old, name) or "", getattr(new, name) or "") if not chunk.same]
        if chunks:
            languages.append(
                {
                    "code": code,
                    "name": editions.translated_name(code),
                    "dir": editions.direction(code),
                    "chunks": chunks,
                }
            )
    if not languages:
        return None
    return {
        "url": reverse("admin:articles_article_combine", kwargs={"object_id": article.pk}),
        "old": old,
        "new": new,
        "languages": languages,
    }


def _picks(post) -> dict[str, dict[int, str]]:
    picks: dict[str, dict[int, str]] = {}
    for code in editions.languages():
        prefix = f"pick-{code}-"
        for key, value in post.items():
            if key.startswith(prefix) and key[len(prefix) :].isdigit():
                if value not in PICKS:
                    raise ValidationError(_("Choose which revision's paragraphs to take."))
                picks.setdefault(code, {})[int(key[len(prefix) :])] = value
    return picks


def combine(model_admin, request, object_id):
    """Save a new current revision from two, with the body's paragraphs as the editor picked them."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = story_or_404(model_admin, request, object_id)
    try:
        old_number, new_number = int(request.POST.get("old", "")), int(request.POST.get("new", ""))
    except ValueError:
        messages.error(request, _("Choose two revisions to take paragraphs from."))
        return redirect(compare_url(article))
    old, new = revision_or_404(article, old_number), revision_or_404(article, new_number)
    back = compare_url(article, old.number, new.number)
    try:
        result = services.revision_combine(
            article=article, user=request.user, old=old, new=new, picks=_picks(request.POST)
        )
    except ValidationError as refusal:
        for error in refusal.messages:
            messages.error(request, error)
        return redirect(back)
    messages.success(request, result.message)
    return redirect("admin:articles_article_change", article.pk)
