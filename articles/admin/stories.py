"""The story desk: the list of stories and the story form.

Everything a button does is a service call; everything a screen lists is a
selector. ``ArticleAdmin`` declares the list and the form, and routes the
story's own screens (review queue, compare, moves, revision, preview,
restore, history), one module each under ``admin/views/``, through
``get_urls`` behind the admin's login.
"""

import logging
from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, connections, router
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import editions, selectors, services
from ..admin_site import screen_panels, story_list_filters, story_marks
from ..desk_dates import desk_ago, desk_when
from ..models import TRANSLATED_FIELDS, Article, Revision
from ..models.content import DETAIL_FIELDS
from ..workflow import Action, State, state_label
from . import trash, views
from .filters import AuthorFilter, EnglishFilter, SectionFilter
from .forms import StoryForm
from .lost import save_failed_page
from .moves import move_buttons
from .paginator import EstimatedCountPaginator
from .views.base import compare_url, headline, preview_links, revision_url

logger = logging.getLogger(__name__)

# Silent reading speed in words per minute, from the International Reading
# Speed Texts (Trauzettel-Klosinski et al., 2012): Arabic is read more slowly
# than English, so one figure for both would mislead either desk.
READING_SPEED = {"ar": 138, "en": 228}


class ArticleAdmin(admin.ModelAdmin):
    form = StoryForm
    # Column names differ from the story's fields on purpose: a field's name
    # would show the live copy, and the desk works on the current revision.
    list_display = ("story", "state", "current_section", "editions", "saved")
    list_display_links = ("story",)
    list_filter = ("status", SectionFilter, AuthorFilter, EnglishFilter)
    # What the search box matches; get_search_results asks it of selectors.desk_search.
    search_fields = ("latest_revision__headline_ar", "latest_revision__headline_en", "=external_id")
    search_help_text = gettext_lazy("Search the current headlines, in Arabic or English, or a wire ID.")
    # desk_stories() already joins what the list shows, in one query.
    list_select_related = ()
    list_per_page = 50
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = None
    ordering = ("-id",)
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/history.html"

    class Media:
        js = [
            "newsroom_admin/story_form.js",
            "newsroom_admin/picture_dialog.js",
            "newsroom_admin/story_keys.js",
            "newsroom_admin/editor_words.js",
        ]

    # The list ---------------------------------------------------------------

    def get_queryset(self, request):
        return selectors.desk_stories()

    def get_list_display(self, request):
        # The trash restores each story with one button.
        shown = super().get_list_display(request)
        return (*shown, trash.restore_column(request)) if trash.showing_trash(request) else shown

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # Other apps' marks (admin_site.register_story_marks), for the page's stories at once.
        marks = story_marks(request, changelist.result_list)
        for article in changelist.result_list:
            article.desk_marks = marks.get(article.pk, ())
        return changelist

    def get_search_results(self, request, queryset, search_term):
        # The words as Django's admin splits them (quotes keep a phrase
        # together), matched by a query shaped for the indexes (desk_search).
        words = [
            unescape_string_literal(bit) if bit.startswith(('"', "'")) and bit[0] == bit[-1] else bit
            for bit in smart_split(search_term)
        ]
        return selectors.desk_search(queryset, words), False

    def get_list_filter(self, request):
        # Other apps add theirs through admin_site.register_story_list_filter.
        return (*super().get_list_filter(request), *story_list_filters())

    @admin.display(description=gettext_lazy("headline"), ordering="latest_revision__headline_ar")
    def story(self, article):
        revision = article.latest_revision
        if revision is None:
            return f"#{article.pk}"
        english = revision.headline_en or ""
        return format_html(
            '<span lang="ar" dir="rtl">{}</span>{}{}',
            revision.headline_ar or "—",
            format_html('<span class="desk-secondary" lang="en" dir="ltr">{}</span>', english) if english else "",
            format_html_join(
                "",
                ' <span class="desk-mark desk-mark--busy">{}</span>',
                ((mark,) for mark in getattr(article, "desk_marks", ())),
            ),
        )

    @admin.display(description=gettext_lazy("state"), ordering="status")
    def state(self, article):
        live = " desk-state--live" if article.is_live else ""
        label = state_label(article.status, live=article.is_live)
        return format_html('<span class="desk-state desk-state--{}{}">{}</span>', article.status, live, label)

    @admin.display(description=gettext_lazy("section"))
    def current_section(self, article):
        revision = article.latest_revision
        return str(revision.section) if revision and revision.section else "—"

    @admin.display(description=gettext_lazy("languages"))
    def editions(self, article):
        revision = article.latest_revision
        if revision is None:
            return "—"
        if not article.head_has_english:
            return _("Arabic only")
        if revision.english_stale:
            return format_html(
                '{} <span class="desk-mark desk-mark--warning">{}</span>',
                _("Arabic and English"),
                _("English may be out of date"),
            )
        return _("Arabic and English")

    @admin.display(description=gettext_lazy("last saved"), ordering="latest_revision__created_at")
    def saved(self, article):
        revision = article.latest_revision
        if revision is None:
            return "—"
        return format_html(
            '<time datetime="{}" title="{}">{}</time><span class="desk-secondary">{}</span>',
            revision.created_at.isoformat(),
            desk_when(revision.created_at),
            desk_ago(revision.created_at),
            _("revision %(number)s by %(who)s") % {"number": revision.number, "who": revision.created_by},
        )

    # Who may do what ------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        # A story can be edited when saving is a move the workflow gives
        # this user now: not in the trash, for instance.
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or Action.SAVE in selectors.moves_for(obj, request.user)

    def has_delete_permission(self, request, obj=None):
        # Stories are never deleted, only moved to the trash.
        return False

    def get_object(self, request, object_id, from_field=None):
        # The whole story row, not the list's trimmed one: the workflow
        # reads its state and revision pointers. Read once per page drawn
        # (``change_view`` asks before Django's own view asks again); a save
        # reads it afresh, since a refused save may have changed it in memory.
        cached = getattr(request, "_desk_story", None)
        if request.method == "GET" and cached is not None and str(cached.pk) == str(object_id):
            return cached
        try:
            pk = Article._meta.pk.to_python(object_id)
            article = Article.objects.select_related("latest_revision").get(pk=pk)
        except (Article.DoesNotExist, ValidationError, ValueError):
            return None
        if request.method == "GET":
            request._desk_story = article
        return article

    def view_on_site(self, article):
        if not article.is_live:
            return None
        with translation.override(editions.primary()):
            return article.get_absolute_url()

    # The story form -------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        # No model fields: the form must never write the story row, whose
        # content columns are the live copy (see StoryForm).
        kwargs["fields"] = ()
        form = super().get_form(request, obj, change=change, **kwargs)
        form.admin_site = self.admin_site
        form.start_revision = self._start_revision(request, obj)
        form.refusal = getattr(request, "_desk_refusal", None)
        return form

    def _start_revision(self, request, article) -> Revision | None:
        """The revision the form starts from: the current one, or ``?from_revision=`` after a conflict."""
        if article is None or article.latest_revision_id is None:
            return None
        cached = getattr(request, "_desk_start_revision", None)
        if cached is not None and cached.article_id == article.pk:
            return cached
        number = article.latest_revision.number
        try:
            number = int(request.GET.get("from_revision", number))
            revision = selectors.desk_revision(article, number)
        except (ValueError, Revision.DoesNotExist):
            revision = selectors.desk_revision(article, article.latest_revision.number)
        request._desk_start_revision = revision
        return revision

    def changelist_view(self, request, extra_context=None):
        # The newsroom's own title, not Django's "Select story to change".
        return super().changelist_view(request, {"title": _("Stories"), **(extra_context or {})})

    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, {"title": _("New story"), **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if (
            request.method == "GET"
            and article is not None
            and article.latest_revision_id
            and self.has_view_permission(request, article)
            and not self.has_change_permission(request, article)
        ):
            # Nothing to edit (in the trash, or a reader's account): show
            # the current revision instead of an empty read-only form.
            messages.info(
                request,
                _("This story cannot be edited while it is “%(state)s”.") % {"state": article.get_status_display()},
            )
            return redirect(revision_url(article, article.latest_revision.number))
        extra_context = {"title": _("Edit story"), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refusal:
            # A service refused the save and Django's view rolled its
            # transaction back. Draw the same form again: the editor's text
            # stays, and the service's reasons stand against their fields.
            request._desk_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (OperationalError, InterfaceError):
            if request.method != "POST":
                raise
            return self._save_lost_the_database(request, object_id, form_url, extra_context)

    def _save_lost_the_database(self, request, object_id, form_url, extra_context):
        """The database dropped the connection in the middle of a save: give the editor their text back.

        The save's transaction was rolled back with the connection, so
        nothing was written; saving again is safe (and were the commit to
        have gone through after all, the second save is kept beside it as a
        conflict revision, never over it). The broken connection is closed
        so the form is drawn again on a new one, with the typed text and a
        message; if the database cannot be reached at all, a page made
        without it shows the text to copy or post again.
        """
        logger.warning("The database connection dropped during a story save; the form is shown again.")
        connections[router.db_for_write(Article)].close()
        request._desk_refusal = ValidationError(
            _(
                "The database dropped the connection while saving, so nothing was saved. "
                "Your text is below, as you typed it: save again."
            )
        )
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (OperationalError, InterfaceError):
            connections[router.db_for_write(Article)].close()
            return save_failed_page(request)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        common = {"content": form.content(), "authors": data["authors"], "tags": list(data["tags"])}
        if change:
            obj._desk_saved = services.revision_create(
                article=obj,
                user=request.user,
                base_revision=data["base_revision"],
                note=data["note"],
                english_reviewed=data["english_reviewed"],
                **common,
            )
            return
        article = services.article_create(user=request.user, note=data["note"], **common)
        obj.pk = article.pk
        obj.refresh_from_db()
        obj._desk_saved = services.SaveResult(revision=article.latest_revision, conflict=False)

    def save_related(self, request, form, formsets, change):
        # The revision's authors and tags were saved with it by the service.
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj)

    def response_change(self, request, obj):
        return self._after_save(request, obj)

    def _after_save(self, request, article):
        result = article._desk_saved
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if result.conflict:
            compare = compare_url(article, result.revision.conflict_with.number, result.revision.number)
            messages.warning(
                request, format_html('{} <a href="{}">{}</a>', result.message, compare, _("Compare the two revisions."))
            )
            return redirect(f"{change_url}?from_revision={result.revision.number}")
        messages.success(request, result.message)
        if "_save" in request.POST:
            return redirect("admin:articles_article_changelist")
        return redirect(change_url)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context.update(
            columns=[
                {
                    "code": code,
                    "name": editions.translated_name(code),
                    "dir": editions.direction(code),
                    "fields": [form[f"{name}_{code}"] for name in TRANSLATED_FIELDS],
                    "words_per_minute": READING_SPEED.get(code, 200),
                    "translation": index > 0,
                }
                for index, code in enumerate(editions.languages())
            ],
            detail_fields=[form[name] for name in DETAIL_FIELDS],
            picture_dialog=views.pictures.picture_dialog(request),
        )
        if obj is not None and obj.pk:
            context.update(self._story_context(request, obj, start=form.start_revision))
            # Django titles the page with str(story), the live headline; the
            # desk works on the current one.
            context["subtitle"] = headline(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _story_context(self, request, article, *, start: Revision | None) -> dict:
        head = article.latest_revision
        _revisions, transitions = selectors.article_history(article)
        last_move = transitions.first()
        returned = last_move if last_move and last_move.action == Action.REQUEST_CHANGES else None
        return {
            "head": head,
            "start": start,
            "editing_other_revision": start is not None and head is not None and start.pk != head.pk,
            "returned": returned if article.status == State.DRAFT else None,
            # The buttons act on the text on screen: after a conflict, the editor's own revision.
            "moves": move_buttons(article, request.user, next_url=request.get_full_path(), start=start),
            "previews": preview_links(article, start or head),
            "compare_url": compare_url(article),
            "history_url": reverse("admin:articles_article_history", args=[article.pk]),
            "screen_panels": screen_panels("form", request, article),
        }

    # Screens of their own (one module each under admin/views/) ----------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"

        def screen(view):
            return self.admin_site.admin_view(partial(view, self))

        story = "<path:object_id>"
        revision = f"{story}/revision/<int:number>"
        return [
            path("review/", screen(views.review_queue.review_queue), name=f"{prefix}_review_queue"),
            path(f"{story}/compare/", screen(views.compare.compare), name=f"{prefix}_compare"),
            path(f"{story}/review/", screen(views.review.review), name=f"{prefix}_review"),
            path(f"{story}/combine/", screen(views.combine.combine), name=f"{prefix}_combine"),
            path(f"{story}/move/<str:action>/", screen(views.move.move), name=f"{prefix}_move"),
            path(f"{revision}/", screen(views.revision.revision), name=f"{prefix}_revision"),
            path(f"{revision}/preview/", screen(views.preview.preview), name=f"{prefix}_preview"),
            path(f"{revision}/restore/", screen(views.restore.restore), name=f"{prefix}_restore"),
            # After the revision's own: ``<path:object_id>`` would take their addresses.
            path(f"{story}/preview/", screen(views.preview.preview_unsaved), name=f"{prefix}_preview_unsaved"),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        """Every revision and every move of a story (Django's history address, the newsroom's screen)."""
        return views.history.history(self, request, object_id, extra_context)
