"""The record of what happened: revisions, workflow moves and corrections. Read-only.

History is never rewritten, so no one, superusers included, may add,
change or delete these rows here. Corrections are added from the story's
history screen, through the service.
"""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import selectors
from .paginator import EstimatedCountPaginator


class ReadOnlyAdmin(admin.ModelAdmin):
    # The selectors join what each list shows.
    list_select_related = ()
    actions = None
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _story_link(article, text) -> str:
    url = reverse("admin:articles_article_change", args=[article.pk])
    return format_html('<a href="{}" dir="auto">{}</a>', url, text or f"#{article.pk}")


class RevisionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "headline", "created_by", "created_at", "note", "markers")
    search_fields = ("headline_ar", "headline_en", "note")
    ordering = ("-id",)

    def get_queryset(self, request):
        return selectors.desk_revisions()

    @admin.display(description=_("headline"))
    def headline(self, revision):
        return format_html('<span dir="auto">{}</span>', revision.headline_ar or revision.headline_en)

    @admin.display(description=_("marks"))
    def markers(self, revision):
        marks = []
        if revision.conflict_with_id:
            marks.append(_("saved in a conflict"))
        if revision.restored_from_id:
            marks.append(_("restored"))
        return ", ".join(str(mark) for mark in marks)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A revision is read on the story's own revision screen.
        revision = self.get_object(request, object_id)
        if request.method != "GET" or revision is None or not self.has_view_permission(request, revision):
            return super().change_view(request, object_id, form_url, extra_context)
        return redirect(revision)


class TransitionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "story", "action", "from_state", "to_state", "actor", "comment")
    list_filter = ("action", "to_state")
    ordering = ("-created_at", "-id")

    def get_queryset(self, request):
        return selectors.desk_transitions()

    @admin.display(description=_("story"))
    def story(self, transition):
        revision = transition.article.latest_revision
        return _story_link(transition.article, revision and (revision.headline_ar or revision.headline_en))


class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("published_at", "story", "kind", "text", "created_by")
    list_filter = ("kind",)
    search_fields = ("text_ar", "text_en")
    ordering = ("-published_at", "-id")

    def get_queryset(self, request):
        return selectors.desk_corrections()

    @admin.display(description=_("story"))
    def story(self, correction):
        revision = correction.article.latest_revision
        return _story_link(correction.article, revision and (revision.headline_ar or revision.headline_en))
