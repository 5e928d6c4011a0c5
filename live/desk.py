"""The coverage desk's panels in screens articles draws (the desk's front page, a story's history)."""

from django.urls import reverse

from . import selectors


def desk_panel(request) -> dict | None:
    """Open coverages and the banners up, on the desk's front page, for those who may see the coverage desk."""
    if not request.user.has_perm("live.view_coverage"):
        return None
    return {
        "coverages": list(selectors.desk_open_coverages()[:10]),
        "banners": list(selectors.desk_banners_up()[:5]),
        "list_url": reverse("admin:live_coverage_changelist"),
    }


def history_section(request, article) -> dict | None:
    """Every revision of the story's live entries, in its history; nothing for a story never covered live."""
    coverage = selectors.desk_coverage_of(article.pk)
    if coverage is None:
        return None
    return {"revisions": list(selectors.desk_entry_revisions(article.pk)[:200]), "coverage": coverage}
