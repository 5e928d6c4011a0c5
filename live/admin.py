"""The coverage desk: open coverage, post and keep entries, raise banners.

Screens are ``get_urls()`` views behind ``admin_site.admin_view``; every
change is a service call, and the buttons ask the workflow table (opening,
closing) and ``rules`` (posting, banners) what this user may do.
"""

from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles import workflow
from articles.workflow import Action, context_for

from . import forms, rules, selectors, services
from .models import Banner, Coverage, Entry

ENTRY_OPERATIONS = {
    "pin": (lambda entry, user: services.entry_pin(entry=entry, user=user, pinned=True), _("The entry is pinned.")),
    "unpin": (
        lambda entry, user: services.entry_pin(entry=entry, user=user, pinned=False),
        _("The entry is unpinned."),
    ),
    "key": (
        lambda entry, user: services.entry_mark_key_event(entry=entry, user=user, key_event=True),
        _("The entry is listed among the key events."),
    ),
    "unkey": (
        lambda entry, user: services.entry_mark_key_event(entry=entry, user=user, key_event=False),
        _("The entry is no longer a key event."),
    ),
    "remove": (
        lambda entry, user: services.entry_remove(entry=entry, user=user),
        _("The entry is off readers' pages."),
    ),
}


def _refusal(request, error) -> None:
    for text in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, text)


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
    list_display = ("__str__", "opened_at", "closed_at", "version")
    list_filter = (("closed_at", admin.EmptyFieldListFilter),)
    ordering = ("-opened_at",)

    def has_add_permission(self, request):
        return request.user.has_perm(workflow.APPROVE)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # entries and their history are never deleted

    def get_urls(self):
        def screen(view):
            return self.admin_site.admin_view(partial(view))

        return [
            path("<int:pk>/entry/", screen(self.entry_post_view), name="live_coverage_entry_post"),
            path("<int:pk>/entry/<int:entry>/", screen(self.entry_edit_view), name="live_coverage_entry_edit"),
            path(
                "<int:pk>/entry/<int:entry>/correct/",
                screen(self.entry_correct_view),
                name="live_coverage_entry_correct",
            ),
            path(
                "<int:pk>/entry/<int:entry>/<str:operation>/",
                screen(self.entry_operation_view),
                name="live_coverage_entry_operation",
            ),
            path("<int:pk>/move/<str:action>/", screen(self.move_view), name="live_coverage_move"),
            path("<int:pk>/staff/", screen(self.staff_view), name="live_coverage_staff"),
            path("<int:pk>/banner/", screen(self.banner_view), name="live_coverage_banner"),
            path("banner/<int:banner>/lower/", screen(self.banner_lower_view), name="live_coverage_banner_lower"),
            *super().get_urls(),
        ]

    # Screens -------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        """Open live coverage of a story: a moderator's move, recorded in its history."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = forms.OpenCoverageForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                coverage = services.coverage_open(
                    article=form.cleaned_data["article"],
                    user=request.user,
                    staff=form.cleaned_data["staff"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                _refusal(request, error)
            else:
                messages.success(request, _("Live coverage is open: entries posted here reach readers at once."))
                return HttpResponseRedirect(reverse("admin:live_coverage_change", args=[coverage.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Open live coverage"),
            "form": form,
        }
        return TemplateResponse(request, "admin/live/coverage/open.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The coverage desk: post an entry, and keep the entries already posted."""
        coverage = self._coverage(request, object_id)
        return self._desk(request, coverage, entry_form=forms.EntryForm())

    def _desk(self, request, coverage, *, entry_form, status=200):
        user = request.user
        may_post = rules.may_post(
            user, coverage_open=coverage.is_open, on_staff=selectors.desk_is_staff(coverage, user)
        )
        moves = workflow.available(
            context_for(coverage.article, user=user, coverage_open=coverage.is_open),
            actions=(Action.OPEN_COVERAGE, Action.CLOSE_COVERAGE),
        )
        moderator = user.has_perm(workflow.APPROVE)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Live coverage: %(story)s") % {"story": coverage.article},
            "coverage": coverage,
            "article": coverage.article,
            "entries": [self._with_correction_form(entry) for entry in selectors.desk_entries(coverage)],
            "may_post": may_post,
            "entry_form": entry_form,
            "moves": [
                {
                    "action": action,
                    "label": action.label,
                    "url": reverse("admin:live_coverage_move", args=[coverage.pk, action.value]),
                }
                for action in moves
                if (action == Action.OPEN_COVERAGE) != coverage.is_open
            ],
            "comment_form": forms.CommentForm(),
            "staff_form": forms.StaffForm(initial={"staff": list(coverage.staff.all())}) if moderator else None,
            "may_raise_banner": rules.may_raise_banner(user) and coverage.article.is_live,
            "banner_form": forms.BannerForm(),
            "banners": list(selectors.desk_banners_up().filter(article=coverage.article)),
            "media": self.media + entry_form.media,
        }
        return TemplateResponse(request, "admin/live/coverage/desk.html", context, status=status)

    def entry_post_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        coverage = self._coverage(request, pk)
        if coverage.is_open and not rules.may_post(
            request.user, coverage_open=True, on_staff=selectors.desk_is_staff(coverage, request.user)
        ):
            raise PermissionDenied
        form = forms.EntryForm(request.POST)
        if not form.is_valid():
            return self._desk(request, coverage, entry_form=form, status=400)
        try:
            services.entry_post(coverage=coverage, user=request.user, **form.cleaned_data)
        except ValidationError as error:  # closed meanwhile: the form stays on screen
            _refusal(request, error)
            return self._desk(request, coverage, entry_form=form, status=400)
        messages.success(request, _("The entry is live."))
        return self._back(coverage)

    def entry_edit_view(self, request, pk, entry):
        coverage = self._coverage(request, pk)
        entry = self._entry(coverage, entry)
        if request.method == "POST":
            form = forms.EditEntryForm(request.POST)
            if form.is_valid():
                changes = form.cleaned_data
                if changes["posted_at"] is None:  # left empty: the time stays as it was
                    del changes["posted_at"]
                try:
                    services.entry_edit(entry=entry, user=request.user, **changes)
                except (ValidationError, PermissionDenied) as error:
                    _refusal(request, error)
                else:
                    messages.success(request, _("The entry is changed on readers' pages."))
                    return self._back(coverage)
        else:
            form = forms.EditEntryForm(initial={name: getattr(entry, name) for name in services.ENTRY_FIELDS})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Edit the entry"),
            "coverage": coverage,
            "entry": entry,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/live/coverage/entry.html", context)

    def entry_operation_view(self, request, pk, entry, operation):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if operation not in ENTRY_OPERATIONS:
            raise Http404(_("There is no such change."))
        coverage = self._coverage(request, pk)
        entry = self._entry(coverage, entry)
        perform, done = ENTRY_OPERATIONS[operation]
        try:
            perform(entry, request.user)
        except (ValidationError, PermissionDenied) as error:
            _refusal(request, error)
        else:
            messages.success(request, done)
        return self._back(coverage)

    def entry_correct_view(self, request, pk, entry):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        coverage = self._coverage(request, pk)
        entry = self._entry(coverage, entry)
        form = forms.CorrectionForm(request.POST)
        if not form.is_valid():
            _refusal(request, ValidationError([e for errors in form.errors.values() for e in errors]))
            return self._back(coverage)
        try:
            services.entry_correct(entry=entry, user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _refusal(request, error)
        else:
            messages.success(request, _("The correction is published on the entry."))
        return self._back(coverage)

    def move_view(self, request, pk, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        coverage = self._coverage(request, pk)
        form = forms.CommentForm(request.POST)
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        try:
            if action == Action.OPEN_COVERAGE:
                services.coverage_open(article=coverage.article, user=request.user, comment=comment)
                messages.success(request, _("Live coverage is open again."))
            elif action == Action.CLOSE_COVERAGE:
                services.coverage_close(coverage=coverage, user=request.user, comment=comment)
                messages.success(request, _("Live coverage is closed: the page stays as a story with its entries."))
            else:
                raise Http404(_("There is no such move."))
        except ValidationError as error:
            _refusal(request, error)
        return self._back(coverage)

    def staff_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        coverage = self._coverage(request, pk)
        form = forms.StaffForm(request.POST)
        if form.is_valid():
            try:
                services.coverage_staff_set(coverage=coverage, user=request.user, staff=form.cleaned_data["staff"])
            except PermissionDenied as error:
                _refusal(request, error)
            else:
                messages.success(request, _("The coverage's staff is saved."))
        return self._back(coverage)

    def banner_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        coverage = self._coverage(request, pk)
        form = forms.BannerForm(request.POST)
        if not form.is_valid():
            _refusal(request, ValidationError([e for errors in form.errors.values() for e in errors]))
            return self._back(coverage)
        if not rules.may_raise_banner(request.user):
            raise PermissionDenied
        try:
            services.banner_raise(article=coverage.article, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("The banner is up on every page of that edition."))
        return self._back(coverage)

    def banner_lower_view(self, request, banner):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        banner = get_object_or_404(Banner.objects.select_related("article"), pk=banner)
        services.banner_lower(banner=banner, user=request.user)  # PermissionDenied: 403
        messages.success(request, _("The banner is down."))
        coverage = selectors.desk_coverage_of(banner.article_id)
        if coverage is not None and self.has_view_permission(request, coverage):
            return self._back(coverage)
        return HttpResponseRedirect(reverse("admin:live_banner_changelist"))

    # ----------------------------------------------------------------------

    def _coverage(self, request, pk):
        try:
            coverage = selectors.desk_coverage(pk)
        except (Coverage.DoesNotExist, ValueError):
            raise Http404(_("There is no such live coverage.")) from None
        if not self.has_view_permission(request, coverage):
            raise PermissionDenied
        return coverage

    @staticmethod
    def _with_correction_form(entry: Entry) -> Entry:
        entry.correction_form = forms.CorrectionForm(auto_id=f"id_correction_{entry.pk}_%s")
        return entry

    def _entry(self, coverage, entry_id) -> Entry:
        try:
            return selectors.desk_entries(coverage).get(pk=entry_id)
        except Entry.DoesNotExist:
            raise Http404(_("There is no such entry in this coverage.")) from None

    def _back(self, coverage):
        return HttpResponseRedirect(reverse("admin:live_coverage_change", args=[coverage.pk]))


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    """Every banner raised, to see what went up and when (raised from a coverage's desk)."""

    list_display = ("__str__", "article", "language", "starts_at", "ends_at", "lowered_at", "raised_by")
    list_filter = ("language",)
    actions = ["lower"]

    def has_add_permission(self, request):
        return rules.may_raise_banner(request.user)

    def has_lower_permission(self, request):
        return rules.may_raise_banner(request.user)

    def add_view(self, request, form_url="", extra_context=None):
        """Raise a banner for any live story, covered live or not."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = forms.StoryBannerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.banner_raise(article=data.pop("article"), user=request.user, **data)
            except ValidationError as error:
                _refusal(request, error)
            else:
                messages.success(request, _("The banner is up on every page of that edition."))
                return HttpResponseRedirect(reverse("admin:live_banner_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Raise the banner"),
            "form": form,
        }
        return TemplateResponse(request, "admin/live/banner/raise.html", context)

    @admin.action(description=_("Lower the banner"), permissions=["lower"])
    def lower(self, request, queryset):
        for banner in queryset.filter(lowered_at__isnull=True):
            services.banner_lower(banner=banner, user=request.user)
        messages.success(request, _("The banner is down."))

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
