"""The story desk: the list of stories, the story form and the screens around a story.

Everything a button does is a service call; everything a screen lists is a
selector. This class wires them to the admin's pages, adding the story's
own screens (review queue, revision, preview, compare, moves) through
``get_urls`` behind the admin's login.
"""

import logging

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError, connections, router
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import editions, selectors, services
from ..diff import diff_revisions
from ..models import TRANSLATED_FIELDS, Article, Revision
from ..models.content import DETAIL_FIELDS
from ..presentation import StoryPage
from ..workflow import Action, State
from .compare import change_rows
from .filters import AuthorFilter, EnglishFilter, SectionFilter
from .forms import CompareForm, RestoreForm, StoryForm
from .lost import save_failed_page
from .moves import MOVE_KINDS, move_buttons, move_form, move_make
from .paginator import EstimatedCountPaginator

logger = logging.getLogger(__name__)

# Silent reading speed in words per minute, from the International Reading
# Speed Texts (Trauzettel-Klosinski et al., 2012): Arabic is read more slowly
# than English, so one figure for both would mislead either desk.
READING_SPEED = {"ar": 138, "en": 228}
QUEUE_MOVES = (Action.PUBLISH, Action.SCHEDULE, Action.REQUEST_CHANGES)


class ArticleAdmin(admin.ModelAdmin):
    form = StoryForm
    # Column names differ from the story's fields on purpose: a field's name
    # would show the live copy, and the desk works on the current revision.
    list_display = ("story", "state", "current_section", "editions", "saved")
    list_display_links = ("story",)
    list_filter = ("status", SectionFilter, AuthorFilter, EnglishFilter)
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
        js = ["newsroom_admin/story_form.js"]

    # The list ---------------------------------------------------------------

    def get_queryset(self, request):
        return selectors.desk_stories()

    @admin.display(description=gettext_lazy("headline"), ordering="latest_revision__headline_ar")
    def story(self, article):
        revision = article.latest_revision
        if revision is None:
            return f"#{article.pk}"
        english = revision.headline_en or ""
        return format_html(
            '<span lang="ar" dir="rtl">{}</span>{}',
            revision.headline_ar or "—",
            format_html('<span class="desk-secondary" lang="en" dir="ltr">{}</span>', english) if english else "",
        )

    @admin.display(description=gettext_lazy("state"), ordering="status")
    def state(self, article):
        live = ""
        if article.is_live and article.status != State.PUBLISHED:
            live = format_html('<span class="desk-secondary">{}</span>', _("a version is live"))
        return format_html(
            '<span class="desk-state desk-state--{}">{}</span>{}', article.status, article.get_status_display(), live
        )

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
            '<time datetime="{}">{}</time><span class="desk-secondary">{}</span>',
            revision.created_at.isoformat(),
            _("%(when)s ago") % {"when": timesince(revision.created_at, depth=1)},
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
        # reads its state and revision pointers.
        try:
            pk = Article._meta.pk.to_python(object_id)
            return Article.objects.select_related("latest_revision").get(pk=pk)
        except (Article.DoesNotExist, ValidationError, ValueError):
            return None

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
            return redirect(self._revision_url(article, article.latest_revision.number))
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
            compare = self._compare_url(article, result.revision.conflict_with.number, result.revision.number)
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
        )
        if obj is not None and obj.pk:
            context.update(self._story_context(request, obj, start=form.start_revision))
            # Django titles the page with str(story), the live headline; the
            # desk works on the current one.
            context["subtitle"] = _headline(obj)
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
            "moves": move_buttons(article, request.user, next_url=request.get_full_path()),
            "previews": self._preview_links(article, start or head),
            "compare_url": self._compare_url(article),
            "history_url": reverse("admin:articles_article_history", args=[article.pk]),
        }

    def _preview_links(self, article, revision) -> list[dict]:
        if revision is None:
            return []
        url = reverse("admin:articles_article_preview", kwargs={"object_id": article.pk, "number": revision.number})
        return [
            {"code": code, "name": editions.translated_name(code), "url": f"{url}?language={code}"}
            for code in editions.languages()
            if revision.has_language(code)
        ]

    # Screens of their own ---------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        story = "<path:object_id>"
        revision = f"{story}/revision/<int:number>"
        return [
            path("review/", wrap(self.review_queue_view), name=f"{prefix}_review_queue"),
            path(f"{story}/compare/", wrap(self.compare_view), name=f"{prefix}_compare"),
            path(f"{story}/move/<str:action>/", wrap(self.move_view), name=f"{prefix}_move"),
            path(f"{revision}/", wrap(self.revision_view), name=f"{prefix}_revision"),
            path(f"{revision}/preview/", wrap(self.preview_view), name=f"{prefix}_preview"),
            path(f"{revision}/restore/", wrap(self.restore_view), name=f"{prefix}_restore"),
            *super().get_urls(),
        ]

    def _story_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("There is no story with the ID “%(id)s”.") % {"id": object_id})
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _revision_or_404(self, article, number) -> Revision:
        try:
            return selectors.desk_revision(article, number)
        except Revision.DoesNotExist:
            raise Http404(_("This story has no revision %(number)s.") % {"number": number}) from None

    def _revision_url(self, article, number) -> str:
        return reverse("admin:articles_article_revision", kwargs={"object_id": article.pk, "number": number})

    def _compare_url(self, article, old=None, new=None) -> str:
        url = reverse("admin:articles_article_compare", kwargs={"object_id": article.pk})
        if new is None:
            return url
        return f"{url}?old={old or ''}&new={new}"

    def _context(self, request, article=None, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "story_title": _headline(article) if article is not None else "",
            "has_view_permission": self.has_view_permission(request, article),
            "has_change_permission": article is not None and self.has_change_permission(request, article),
            "media": self.media,
            **extra,
        }

    def _next_url(self, request, article) -> str:
        wanted = request.POST.get("next", "")
        if wanted and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return wanted
        return reverse("admin:articles_article_change", args=[article.pk])

    def history_view(self, request, object_id, extra_context=None):
        """Every revision and every move of a story, newest first."""
        article = self._story_or_404(request, object_id)
        revisions, transitions = selectors.article_history(article)
        may_restore = Action.RESTORE in selectors.moves_for(article, request.user)
        context = self._context(
            request,
            article,
            title=_("History of “%(story)s”") % {"story": _headline(article)},
            revisions=revisions,
            transitions=transitions,
            may_restore=may_restore,
            restore_form=RestoreForm(),
            moves=move_buttons(
                article,
                request.user,
                next_url=request.get_full_path(),
                only=(Action.CORRECT, Action.UNPUBLISH, Action.UNTRASH),
            ),
            compare_url=self._compare_url(article),
            **(extra_context or {}),
        )
        return TemplateResponse(request, self.object_history_template, context)

    def revision_view(self, request, object_id, number):
        """One revision, read-only, as it was saved."""
        article = self._story_or_404(request, object_id)
        revision = self._revision_or_404(article, number)
        context = self._context(
            request,
            article,
            title=_("Revision %(number)s of “%(story)s”") % {"number": number, "story": _headline(article)},
            revision=revision,
            columns=[
                {
                    "code": code,
                    "name": editions.translated_name(code),
                    "dir": editions.direction(code),
                    "values": [
                        (Revision._meta.get_field(name).verbose_name, getattr(revision, f"{name}_{code}") or "", name)
                        for name in TRANSLATED_FIELDS
                    ],
                }
                for code in editions.languages()
            ],
            previews=self._preview_links(article, revision),
            is_head=revision.pk == article.latest_revision_id,
            is_live=revision.pk == article.live_revision_id,
            is_review=revision.pk == article.review_revision_id,
            may_restore=Action.RESTORE in selectors.moves_for(article, request.user),
            restore_form=RestoreForm(),
            compare_previous_url=self._compare_url(article, number - 1 if number > 1 else None, number),
            compare_url=self._compare_url(article),
        )
        return TemplateResponse(request, "admin/articles/article/revision.html", context)

    @staticmethod
    def _preview_language(request) -> str:
        language = request.GET.get("language", editions.primary())
        return language if language in editions.languages() else editions.primary()

    def preview_view(self, request, object_id, number):
        """A revision drawn with the public story template, in its language, never cached."""
        article = self._story_or_404(request, object_id)
        revision = self._revision_or_404(article, number)
        with translation.override(self._preview_language(request)):
            # Rendered now, inside the language, not lazily after it ends.
            response = render(request, "articles/story.html", {"story": StoryPage.preview(revision)})
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def compare_view(self, request, object_id):
        """Two revisions side by side or inline; by default, the submitted one against what is live."""
        article = self._story_or_404(request, object_id)
        choices = list(selectors.desk_revision_choices(article))
        old_default, new_default = selectors.desk_compare_defaults(article)
        data = {"old": old_default or "", "new": new_default, "view": "side", **request.GET.dict()}
        form = CompareForm(data, revisions=choices)
        if form.is_valid():
            old_number, new_number, view = form.cleaned_data["old"], form.cleaned_data["new"], form.cleaned_data["view"]
        else:
            old_number, new_number, view = old_default, new_default, "side"
        loaded = selectors.desk_revisions_by_number(article, (old_number, new_number))
        old, new = loaded.get(old_number), loaded.get(new_number)
        rows = change_rows(diff_revisions(old, new)) if new is not None else []
        context = self._context(
            request,
            article,
            title=_("Compare revisions of “%(story)s”") % {"story": _headline(article)},
            form=form,
            old=old,
            new=new,
            rows=rows,
            view=view or "side",
            live_revision_id=article.live_revision_id,
            review_revision_id=article.review_revision_id,
            latest_revision_id=article.latest_revision_id,
            view_links={
                key: f"?old={old_number or ''}&new={new_number or ''}&view={key}" for key in ("side", "inline")
            },
            moves=move_buttons(article, request.user, next_url=request.get_full_path(), only=QUEUE_MOVES)
            if new is not None and new.pk == article.review_revision_id
            else [],
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def review_queue_view(self, request):
        """Every submitted revision waiting for a moderator, oldest first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        section, english = request.GET.get("section") or None, request.GET.get("english") or None
        stories = selectors.desk_filter(
            selectors.desk_review_queue(), revision="review_revision", section=section, english=english
        )
        if request.GET.get("updated") == "yes":
            stories = stories.filter(updated_since_submission=True)
        next_url = request.get_full_path()
        rows = [
            {
                "article": article,
                "revision": article.review_revision,
                "compare_url": self._compare_url(article),
                "moves": move_buttons(article, request.user, next_url=next_url, only=QUEUE_MOVES),
            }
            for article in stories
        ]
        context = self._context(
            request,
            title=_("Review queue"),
            rows=rows,
            sections=SectionFilter(request, {}, Article, self).lookup_choices,
            chosen={"section": section or "", "english": english or "", "updated": request.GET.get("updated", "")},
            english_choices=EnglishFilter(request, {}, Article, self).lookup_choices,
        )
        return TemplateResponse(request, "admin/articles/article/review_queue.html", context)

    def move_view(self, request, object_id, action):
        """Make one workflow move (POST only); say what happened, or why it was refused."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._story_or_404(request, object_id)
        try:
            action = Action(action)
        except ValueError:
            raise Http404(_("There is no such move.")) from None
        if action not in MOVE_KINDS:
            raise Http404(_("There is no such move."))
        next_url = self._next_url(request, article)
        form = move_form(action, article, data=request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(next_url)
        try:
            messages.success(request, move_make(action, article, request.user, form))
        except ValidationError as refusal:
            for error in refusal.messages:
                messages.error(request, error)
        return HttpResponseRedirect(next_url)

    def restore_view(self, request, object_id, number):
        """Copy an old revision into a new current one (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._story_or_404(request, object_id)
        revision = self._revision_or_404(article, number)
        form = RestoreForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect("admin:articles_article_history", article.pk)
        try:
            result = services.revision_restore(
                article=article, revision=revision, user=request.user, note=form.cleaned_data.get("note", "")
            )
        except ValidationError as refusal:
            for error in refusal.messages:
                messages.error(request, error)
            return redirect("admin:articles_article_history", article.pk)
        if result.conflict:
            messages.warning(request, result.message)
        else:
            messages.success(
                request,
                _("Revision %(old)s is restored as revision %(new)s, the current one.")
                % {"old": revision.number, "new": result.revision.number},
            )
        return redirect("admin:articles_article_change", article.pk)


def _headline(article) -> str:
    revision = article.latest_revision
    return (revision and (revision.headline_ar or revision.headline_en)) or str(article)
