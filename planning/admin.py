"""The planning desk: the budget (day or week), the calendar, the printable budget and "My planning".

Declarative ModelAdmins; the extra screens come from ``BudgetLineAdmin.get_urls``
behind ``admin_site.admin_view``. Every change is a service call and every
list a selector; ``rules.Planner`` says what each person may do, so the
screens only offer what will work.
"""

import json
from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Section
from articles.workflow import State

from . import calendar, selectors, services
from .models import BudgetLine, DeskMember, Event, PlanningProfile, time_zone_names
from .rows import Labels, rows_html
from .rules import Planner, can_view_budget
from .times import local_day, newsroom_zone, shown, zone_label, zone_or_none

STORY_STATES = dict(State.choices)


def _day(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# Forms ----------------------------------------------------------------------


def _model_label(name: str):
    return BudgetLine._meta.get_field(name).verbose_name


def _model_help(name: str):
    return BudgetLine._meta.get_field(name).help_text


class BudgetLineForm(forms.ModelForm):
    # Declared here so the admin's split date and time widgets do not replace
    # them: the browser's own pickers, typed in newsroom time.
    day = forms.DateField(
        label=_model_label("day"),
        help_text=_model_help("day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    due_at = forms.DateTimeField(
        label=_model_label("due_at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    slot_at = forms.DateTimeField(
        label=_model_label("slot_at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = BudgetLine
        fields = (
            "title_ar",
            "title_en",
            "section",
            "day",
            "kind",
            "priority",
            "assignee",
            "editor",
            "due_at",
            "slot_at",
            "words",
            "status",
            "event",
            "notes",
        )
        widgets = {
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar", "class": "vTextField"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en", "class": "vTextField"}),
            "notes": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }

    def __init__(self, *args, planner: Planner, **kwargs):
        super().__init__(*args, **kwargs)
        self.planner = planner
        plannable = [s.pk for s in selectors.sections() if planner.can_plan(s.pk)]
        self.fields["section"].queryset = Section.objects.filter(pk__in=plannable).order_by("order", "slug")
        people = [person.pk for person in selectors.people_who_take_assignments()]
        for name in ("assignee", "editor"):
            field = self.fields[name]
            field.queryset = field.queryset.model.objects.filter(pk__in=people).order_by("username")
        self.fields["event"].queryset = Event.objects.order_by("-starts_at")
        self.fields["status"].required = False
        zone = zone_label(newsroom_zone())
        for name in ("due_at", "slot_at"):
            self.fields[name].help_text = f"{_model_help(name)} " + _("Newsroom time (%(zone)s).") % {"zone": zone}

    def clean(self):
        data = super().clean()
        if not (data.get("title_ar") or data.get("title_en")):
            self.add_error("title_ar", _("Give the line a working title, in Arabic or English."))
        return data


class EventForm(forms.ModelForm):
    """Start and end are typed in the event's own time zone, and stored in UTC."""

    starts_local = forms.DateTimeField(
        label=gettext_lazy("starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_local = forms.DateTimeField(
        label=gettext_lazy("ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    time_zone = forms.ChoiceField(label=gettext_lazy("time zone"), choices=())

    class Meta:
        model = Event
        fields = ("title_ar", "title_en", "section", "location", "time_zone", "repeat", "repeat_until", "notes")
        widgets = {
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar", "class": "vTextField"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en", "class": "vTextField"}),
            "repeat_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_names()
        self.fields["time_zone"].initial = newsroom_zone().key
        self.fields["time_zone"].help_text = Event._meta.get_field("time_zone").help_text
        if self.instance.pk:
            zone = self.instance.zone
            for name, value in (("starts_local", self.instance.starts_at), ("ends_local", self.instance.ends_at)):
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M")

    def clean(self):
        data = super().clean()
        zone = zone_or_none(data.get("time_zone", ""))
        if zone is None:
            return data
        for local, stored in (("starts_local", "starts_at"), ("ends_local", "ends_at")):
            value = data.get(local)
            if value is not None:
                # Django read the value in the newsroom's zone; the editor meant the event's.
                naive = timezone.make_naive(value) if timezone.is_aware(value) else value
                setattr(self.instance, stored, naive.replace(tzinfo=zone))
        if data.get("starts_local") and data.get("ends_local") and self.instance.ends_at < self.instance.starts_at:
            self.add_error("ends_local", _("An event cannot end before it starts."))
        return data


class ProfileForm(forms.Form):
    time_zone = forms.ChoiceField(label=gettext_lazy("my time zone"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [("", _("the newsroom's (%(zone)s)") % {"zone": newsroom_zone().key})]
        self.fields["time_zone"].choices += time_zone_names()
        self.fields["time_zone"].help_text = PlanningProfile._meta.get_field("time_zone").help_text


# What a budget row shows ----------------------------------------------------


@dataclass
class Row:
    line: BudgetLine
    due: object
    slot: object
    late: bool
    story_state: str
    can_plan: bool
    can_work: bool
    can_take: bool


@dataclass
class Group:
    section: Section
    rows: list
    can_plan: bool
    rows_html: str = ""


def _rows(lines, *, planner: Planner, language: str, viewer_zone, with_day: bool, now) -> list[Row]:
    rows = []
    plans: dict[int, bool] = {}
    times: dict = {}  # planned times are on the minute: many lines share one

    def when(moment):
        if moment not in times:
            times[moment] = shown(moment, language=language, viewer_zone=viewer_zone, with_day=with_day)
        return times[moment]

    for line in lines:
        can_plan = plans.get(line.section_id)
        if can_plan is None:
            can_plan = plans[line.section_id] = planner.can_plan(line.section_id)
        rows.append(
            Row(
                line=line,
                due=when(line.due_at),
                slot=when(line.slot_at),
                late=selectors.is_late(line, now),
                story_state=STORY_STATES.get(line.story_status, "") if line.story_status else "",
                can_plan=can_plan,
                can_work=can_plan or line.assignee_id == planner.user.pk,
                can_take=line.assignee_id is None and planner.can_take(line.section_id),
            )
        )
    return rows


def _hijri_cell(cell, language: str, *, first_cell: bool) -> str:
    """The Hijri date in a calendar cell: the day, with the month's name on its first day and in the first cell."""
    if cell.hijri is None:
        return ""
    if cell.hijri.day == 1 or first_cell:
        return cell.hijri.label(language, with_year=first_cell or cell.hijri.month == 1)
    return calendar.digits(cell.hijri.day, language)


class BudgetLineAdmin(admin.ModelAdmin):
    form = BudgetLineForm
    list_display = ("__str__", "section", "day", "assignee", "status")
    change_form_template = "admin/planning/budgetline/change_form.html"

    class Media:
        css = {"all": ["planning/budget.css"]}

    # Who may do what: asked of rules.Planner, never decided here.

    def has_module_permission(self, request):
        return can_view_budget(request.user)

    def has_view_permission(self, request, obj=None):
        return can_view_budget(request.user)

    # Without an object these are asked on every admin page (the navigation),
    # so they read permissions only; which sections a person plans is asked
    # when they open a line, the add form or the budget.
    def has_add_permission(self, request):
        return can_view_budget(request.user) and request.user.has_perm("planning.add_budgetline")

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return can_view_budget(request.user) and request.user.has_perm("planning.change_budgetline")
        return Planner.for_request(request).can_plan(obj.section_id)

    def add_view(self, request, form_url="", extra_context=None):
        if not Planner.for_request(request).plans_somewhere:
            raise PermissionDenied(_("You are on no section's desk, so there is nowhere you can plan yet."))
        return super().add_view(request, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False  # a line is dropped, never deleted: the budget keeps its history

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        planner = Planner.for_request(request)

        class PlannerForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, planner=planner, **inner)

        return PlannerForm

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("day", _day(request.GET.get("day"), local_day(timezone.now()) + timedelta(days=1)))
        return initial

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data.get(name) for name in form.Meta.fields}
        data["status"] = data.get("status") or None
        data["notes"] = data.get("notes") or ""
        data["title_ar"], data["title_en"] = data.get("title_ar") or "", data.get("title_en") or ""
        try:
            if change:
                if data["status"] is None:
                    data.pop("status")
                saved = services.budget_line_update(user=request.user, line=obj, **data)
            else:
                saved = services.budget_line_create(user=request.user, **data)
        except ValidationError as error:
            # The form checked the same rules, so only a race gets here.
            raise PermissionDenied(_errors(error)) from error
        obj.pk, obj.position = saved.pk, saved.position

    def response_add(self, request, obj, post_url_continue=None):
        if "_continue" in request.POST or "_addanother" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, _("“%(line)s” is on the budget.") % {"line": obj}, messages.SUCCESS)
        return HttpResponseRedirect(self._budget_url(obj.day))

    def response_change(self, request, obj):
        if "_continue" in request.POST:
            return super().response_change(request, obj)
        self.message_user(request, _("“%(line)s” was changed.") % {"line": obj}, messages.SUCCESS)
        return HttpResponseRedirect(self._budget_url(obj.day))

    def _budget_url(self, day: date, **params) -> str:
        query = "&".join(f"{k}={v}" for k, v in {"day": day.isoformat(), **params}.items() if v)
        return f"{reverse('admin:planning_budgetline_changelist')}?{query}"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("arrange/", wrap(self.arrange_view), name="planning_budgetline_arrange"),
            path("reorder/", wrap(self.reorder_view), name="planning_budgetline_reorder"),
            path("calendar/", wrap(self.calendar_view), name="planning_budgetline_calendar"),
            path("print/", wrap(self.print_view), name="planning_budgetline_print"),
            path("me/", wrap(self.me_view), name="planning_budgetline_me"),
            *super().get_urls(),
        ]

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def _viewer_zone(self, request):
        return zone_or_none(selectors.viewer_time_zone(request.user))

    # The budget -------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        """The budget: a day or a week, grouped by section, with filters and the arranging form."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        planner = Planner.for_request(request)
        today = local_day(timezone.now())
        day = _day(request.GET.get("day"), today)
        span = "week" if request.GET.get("span") == "week" else "day"
        show = request.GET.get("show") if request.GET.get("show") in selectors.FILTERS else ""
        section_id = request.GET.get("section") or None
        section_id = int(section_id) if section_id and section_id.isdigit() else None
        first, last = (day, day) if span == "day" else (calendar.week_of(day)[0], calendar.week_of(day)[-1])
        language = translation.get_language()
        lines = selectors.budget_rows(
            first=first, last=last, user=request.user, show=show, section_id=section_id, desks=planner.desks
        )
        rows = _rows(
            lines,
            planner=planner,
            language=language,
            viewer_zone=self._viewer_zone(request),
            with_day=span == "week",
            now=timezone.now(),
        )
        by_section: dict[int, list[Row]] = {}
        for row in rows:
            by_section.setdefault(row.line.section_id, []).append(row)
        all_sections = selectors.sections()
        labels = Labels.now(week=span == "week")
        groups = [
            Group(
                section=section,
                rows=by_section.get(section.pk, []),
                can_plan=planner.can_plan(section.pk),
                rows_html=rows_html(by_section.get(section.pk, []), labels),
            )
            for section in all_sections
            if (section_id in (None, section.pk)) and (by_section.get(section.pk) or not show)
        ]
        step = timedelta(days=1 if span == "day" else 7)
        hijri = calendar.to_hijri(day)
        people = selectors.people_who_take_assignments() if planner.plans_somewhere else []
        context = self._context(
            request,
            title=_("Budget"),
            groups=groups,
            count=len(rows),
            day=day,
            first=first,
            last=last,
            span=span,
            show=show,
            section_id=section_id,
            sections=all_sections,
            filters=[
                ("", _("everything")),
                ("mine", _("mine")),
                ("my_sections", _("my sections")),
                ("unassigned", _("not yet assigned")),
                ("late", _("late")),
            ],
            gregorian_label=calendar.gregorian_label(first, language),
            last_label=calendar.gregorian_label(last, language),
            hijri_label=hijri.label(language) if hijri else "",
            weekday=calendar.weekday_names(language)[(day.weekday() - calendar.week_start()) % 7],
            previous_day=day - step,
            next_day=day + step,
            today=today,
            tomorrow=today + timedelta(days=1),
            planner=planner,
            people=people,
            statuses=BudgetLine.Status.choices,
            zone=zone_label(newsroom_zone()),
            viewer_zone=self._viewer_zone(request),
            next_url=request.get_full_path(),
        )
        return TemplateResponse(request, "admin/planning/budgetline/budget.html", context)

    def _next(self, request, fallback: str) -> str:
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return target
        return fallback

    def arrange_view(self, request):
        """The budget's one form, which works without script: move, take, assign, set status, start a story."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        back = self._next(request, reverse("admin:planning_budgetline_changelist"))
        post = request.POST
        try:
            if post.get("move"):
                pk, _sep, direction = post["move"].partition(":")
                line = get_object_or_404(BudgetLine, pk=pk)
                services.budget_line_move(user=request.user, line=line, direction=direction)
            elif post.get("take"):
                line = get_object_or_404(BudgetLine, pk=post["take"])
                services.budget_line_assign(user=request.user, line=line, assignee=request.user)
                self.message_user(request, _("“%(line)s” is yours.") % {"line": line}, messages.SUCCESS)
            elif post.get("draft"):
                line = get_object_or_404(BudgetLine, pk=post["draft"])
                article = services.budget_line_make_draft(user=request.user, line=line)
                self.message_user(request, _("The draft story for “%(line)s” is ready.") % {"line": line})
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
            elif "assign" in post or "set_status" in post:
                lines = list(BudgetLine.objects.filter(pk__in=post.getlist("line")))
                if not lines:
                    raise ValidationError(_("Tick the lines first."))
                if "assign" in post:
                    assignee = None
                    if post.get("assignee"):
                        assignee = get_object_or_404(get_user_model(), pk=post["assignee"])
                    for line in lines:
                        services.budget_line_assign(user=request.user, line=line, assignee=assignee)
                else:
                    for line in lines:
                        services.budget_line_set_status(user=request.user, line=line, status=post.get("status", ""))
                self.message_user(
                    request,
                    translation.ngettext("%(count)d line changed.", "%(count)d lines changed.", len(lines))
                    % {"count": len(lines)},
                    messages.SUCCESS,
                )
        except (PermissionDenied, ValidationError) as error:
            text = _errors(error) if isinstance(error, ValidationError) else str(error)
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"error": text}, status=400)
            self.message_user(request, text, messages.ERROR)
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"ok": True})
        return HttpResponseRedirect(back)

    def reorder_view(self, request):
        """Where a drag on the budget lands: the new order of one section's lines for one day, as JSON."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            data = json.loads(request.body or b"{}")
            section = get_object_or_404(Section, pk=int(data["section"]))
            day = date.fromisoformat(data["day"])
            order = [int(pk) for pk in data["order"]]
        except (KeyError, TypeError, ValueError):
            return JsonResponse({"error": _("The new order could not be read.")}, status=400)
        try:
            services.budget_lines_reorder(user=request.user, section=section, day=day, line_ids=order)
        except PermissionDenied as error:
            return JsonResponse({"error": str(error)}, status=403)
        except ValidationError as error:
            return JsonResponse({"error": _errors(error)}, status=409)
        return JsonResponse({"ok": True})

    # The calendar -----------------------------------------------------------

    def calendar_view(self, request):
        """Day, week or month (Gregorian, or a Hijri month), with the Hijri date beside the Gregorian."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        language = translation.get_language()
        today = local_day(timezone.now())
        day = _day(request.GET.get("day"), today)
        span = request.GET.get("span") if request.GET.get("span") in ("day", "week", "month") else "month"
        hijri_month = None
        if request.GET.get("hijri"):
            try:
                year, month = (int(part) for part in request.GET["hijri"].split("-"))
                first, last = calendar.hijri_month(year, month)
                hijri_month = (year, month)
                span = "month"
            except (ValueError, OverflowError):
                self.message_user(request, _("That Hijri month is outside the calendar."), messages.ERROR)
        if hijri_month is None:
            if span == "day":
                first = last = day
            elif span == "week":
                week = calendar.week_of(day)
                first, last = week[0], week[-1]
            else:
                first, last = calendar.gregorian_month(day.year, day.month)
        weeks = calendar.calendar_days(first, last, today=today)
        shown_first, shown_last = weeks[0][0].day, weeks[-1][-1].day
        viewer_zone = self._viewer_zone(request)
        entries: dict[date, list] = {}
        sections = {section.pk: section for section in selectors.sections()}
        for line in selectors.budget_lines(first=shown_first, last=shown_last).exclude(
            status=BudgetLine.Status.DROPPED
        ):
            entries.setdefault(line.day, []).append(
                {
                    "kind": "line",
                    "title": line.title_ar or line.title_en,
                    "time": shown(line.slot_at or line.due_at, language=language, viewer_zone=viewer_zone),
                    "section": sections[line.section_id],
                    "url": reverse("admin:planning_budgetline_change", args=[line.pk]),
                    "status": line.get_status_display(),
                }
            )
        for occurrence in selectors.event_occurrences(shown_first, shown_last):
            event = occurrence.event
            entries.setdefault(local_day(occurrence.starts_at), []).append(
                {
                    "kind": "event",
                    "title": event.title_ar or event.title_en,
                    "time": shown(occurrence.starts_at, language=language, viewer_zone=viewer_zone),
                    "section": event.section,
                    "url": reverse("admin:planning_event_change", args=[event.pk]),
                    "status": event.location,
                }
            )
        for values in entries.values():
            values.sort(key=lambda entry: (entry["time"] is not None, entry["time"].iso if entry["time"] else ""))
        cells = [
            [
                {
                    "day": cell,
                    "gregorian": calendar.gregorian_label(cell.day, language, with_year=False)
                    if cell.day.day == 1 or (w == 0 and i == 0)
                    else calendar.digits(cell.day.day, language),
                    "hijri": _hijri_cell(cell, language, first_cell=(w == 0 and i == 0)),
                    "entries": entries.get(cell.day, []),
                }
                for i, cell in enumerate(week)
            ]
            for w, week in enumerate(weeks)
        ]
        first_hijri = calendar.to_hijri(first)
        if hijri_month:
            heading = f"{calendar.HijriDate(*hijri_month, 1).month_name(language)} {calendar.digits(hijri_month[0], language)}"
            previous_month = (hijri_month[0] - (hijri_month[1] == 1), (hijri_month[1] - 2) % 12 + 1)
            next_month = (hijri_month[0] + (hijri_month[1] == 12), hijri_month[1] % 12 + 1)
            nav = {
                "previous": f"?hijri={previous_month[0]}-{previous_month[1]}",
                "next": f"?hijri={next_month[0]}-{next_month[1]}",
            }
        else:
            heading = calendar.gregorian_label(first, language) if span != "month" else ""
            if span == "month":
                heading = f"{calendar.month_name(first.month, language)} {calendar.digits(first.year, language)}"
            elif span == "week":
                heading = f"{calendar.gregorian_label(first, language)} – {calendar.gregorian_label(last, language)}"
            step = {"day": timedelta(days=1), "week": timedelta(days=7)}.get(span)
            previous_day = first - step if step else (first - timedelta(days=1)).replace(day=1)
            next_day = first + step if step else last + timedelta(days=1)
            nav = {
                "previous": f"?span={span}&day={previous_day.isoformat()}",
                "next": f"?span={span}&day={next_day.isoformat()}",
            }
        context = self._context(
            request,
            title=_("Coverage calendar"),
            heading=heading,
            hijri_heading=first_hijri.label(language) if first_hijri and not hijri_month else "",
            weeks=cells,
            weekdays=calendar.weekday_names(language),
            span=span,
            day=day,
            hijri_month=hijri_month,
            this_hijri=calendar.to_hijri(today),
            nav=nav,
            language=language,
            zone=zone_label(newsroom_zone()),
            viewer_zone=viewer_zone,
        )
        return TemplateResponse(request, "admin/planning/budgetline/calendar.html", context)

    # The printable budget ---------------------------------------------------

    def print_view(self, request):
        """A day's budget on paper: one A4 page for a normal day, in the desk's language."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        language = translation.get_language()
        day = _day(request.GET.get("day"), local_day(timezone.now()))
        lines = selectors.budget_lines(first=day, last=day).exclude(status=BudgetLine.Status.DROPPED)
        rows = _rows(
            lines,
            planner=Planner.for_request(request),
            language=language,
            viewer_zone=None,
            with_day=False,
            now=timezone.now(),
        )
        sections = {section.pk: section for section in selectors.sections()}
        groups: dict[int, Group] = {}
        for row in rows:
            groups.setdefault(
                row.line.section_id, Group(section=sections[row.line.section_id], rows=[], can_plan=False)
            )
            groups[row.line.section_id].rows.append(row)
        hijri = calendar.to_hijri(day)
        context = {
            "groups": list(groups.values()),
            "count": len(rows),
            "words": sum(row.line.words or 0 for row in rows),
            "day": day,
            "weekday": calendar.WEEKDAY_NAMES["ar" if language == "ar" else "en"][day.weekday()],
            "gregorian_label": calendar.gregorian_label(day, language),
            "hijri_label": hijri.label(language) if hijri else "",
            "zone": zone_label(newsroom_zone()),
            "printed_at": shown(timezone.now(), language=language, viewer_zone=None, with_day=True),
            "site_header": self.admin_site.site_header,
        }
        return TemplateResponse(request, "admin/planning/budgetline/print.html", context)

    # My planning ------------------------------------------------------------

    def me_view(self, request):
        """A person's planning settings: their time zone, and their calendar feed addresses."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        profile = services.planning_profile(user=request.user)
        form = ProfileForm(initial={"time_zone": profile.time_zone})
        if request.method == "POST":
            if "reset_token" in request.POST:
                services.feed_token_reset(user=request.user)
                self.message_user(
                    request,
                    _("Your calendar addresses were renewed; the old ones no longer work."),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.path)
            form = ProfileForm(request.POST)
            if form.is_valid():
                services.planning_profile_update(user=request.user, time_zone=form.cleaned_data["time_zone"])
                self.message_user(request, _("Your planning settings were saved."), messages.SUCCESS)
                return HttpResponseRedirect(request.path)
        token = profile.feed_token
        feeds = [(_("My assignments"), reverse("planning:person_feed", args=[token]))]
        feeds += [
            (str(section), reverse("planning:section_feed", args=[token, section.slug]))
            for section in selectors.sections()
        ]
        context = self._context(
            request,
            title=_("My planning"),
            form=form,
            profile=profile,
            feeds=[(name, request.build_absolute_uri(url)) for name, url in feeds],
            desks=DeskMember.objects.filter(user=request.user).select_related("section"),
            planner=Planner.for_request(request),
        )
        return TemplateResponse(request, "admin/planning/budgetline/me.html", context)


class CoverageInline(admin.TabularInline):
    """The budget lines that cover an event, read here and planned on the budget."""

    model = BudgetLine
    fk_name = "event"
    fields = ("title_ar", "title_en", "section", "day", "kind", "assignee", "status")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    verbose_name = gettext_lazy("coverage")
    verbose_name_plural = gettext_lazy("coverage planned")

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return can_view_budget(request.user)


class EventAdmin(admin.ModelAdmin):
    form = EventForm
    list_display = ("__str__", "section", "starts_at", "time_zone", "repeat")
    list_filter = ("section", "repeat")
    search_fields = ("title_ar", "title_en", "location")
    inlines = (CoverageInline,)

    def has_module_permission(self, request):
        return can_view_budget(request.user)

    def has_view_permission(self, request, obj=None):
        return can_view_budget(request.user)

    def has_add_permission(self, request):
        return can_view_budget(request.user) and request.user.has_perm("planning.add_event")

    def has_change_permission(self, request, obj=None):
        if not (can_view_budget(request.user) and request.user.has_perm("planning.change_event")):
            return False
        return obj is None or obj.section_id is None or Planner.for_request(request).can_plan(obj.section_id)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        try:
            services.event_save(user=request.user, event=obj)
        except ValidationError as error:
            raise PermissionDenied(_errors(error)) from error

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = [*EventForm.Meta.fields[:4], "starts_local", "ends_local", *EventForm.Meta.fields[4:]]
        return super().get_form(request, obj, change=change, **kwargs)


class DeskMemberAdmin(admin.ModelAdmin):
    list_display = ("section", "user")
    list_filter = ("section",)
    autocomplete_fields = ()


admin.site.register(BudgetLine, BudgetLineAdmin)
admin.site.register(Event, EventAdmin)
admin.site.register(DeskMember, DeskMemberAdmin)
