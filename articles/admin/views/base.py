"""What the story's screens share: the story and revision a URL names, their addresses, the common context."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ... import editions, selectors
from ...models import Article, Revision


def story_or_404(model_admin, request, object_id) -> Article:
    """The story the URL names, if this user may see it."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404(_("There is no story with the ID “%(id)s”.") % {"id": object_id})
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    return article


def revision_or_404(article: Article, number: int) -> Revision:
    """Revision ``number`` of ``article``, with everything it is made of."""
    try:
        return selectors.desk_revision(article, number)
    except Revision.DoesNotExist:
        raise Http404(_("This story has no revision %(number)s.") % {"number": number}) from None


def revision_url(article: Article, number: int) -> str:
    return reverse("admin:articles_article_revision", kwargs={"object_id": article.pk, "number": number})


def compare_url(article: Article, old=None, new=None) -> str:
    """The compare screen, on its defaults or on two revision numbers."""
    url = reverse("admin:articles_article_compare", kwargs={"object_id": article.pk})
    if new is None:
        return url
    return f"{url}?old={old or ''}&new={new}"


def preview_links(article: Article, revision: Revision | None) -> list[dict]:
    """A preview link per edition ``revision`` has."""
    if revision is None:
        return []
    url = reverse("admin:articles_article_preview", kwargs={"object_id": article.pk, "number": revision.number})
    return [
        {"code": code, "name": editions.translated_name(code), "url": f"{url}?language={code}"}
        for code in editions.languages()
        if revision.has_language(code)
    ]


def headline(article: Article) -> str:
    """What the desk calls a story: its current headline (Arabic, else English)."""
    revision = article.latest_revision
    return (revision and (revision.headline_ar or revision.headline_en)) or str(article)


def next_url(request, article: Article) -> str:
    """Where a POST screen returns: the page it was sent from, when it is this site's, or the story."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("admin:articles_article_change", args=[article.pk])


def screen_context(model_admin, request, article: Article | None = None, **extra) -> dict:
    """The admin's context for one of the story's screens."""
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "story_title": headline(article) if article is not None else "",
        "has_view_permission": model_admin.has_view_permission(request, article),
        "has_change_permission": article is not None and model_admin.has_change_permission(request, article),
        "media": model_admin.media,
        **extra,
    }
