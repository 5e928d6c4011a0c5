"""What planning adds to the desk through the admin site's extension points."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .rules import can_view_budget


def assigned_to_me_panel(request):
    """The desk panel "Assigned to me": the person's open budget lines, or nothing for non-planners."""
    if not can_view_budget(request.user):
        return None
    from . import selectors

    return {"lines": selectors.assigned_to(request.user)}


class AssignedToMeFilter(admin.SimpleListFilter):
    """On the stories list: stories made from budget lines assigned to me."""

    title = _("planning")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        if not can_view_budget(request.user):
            return ()
        return [("me", _("Assigned to me"))]

    def queryset(self, request, queryset):
        if self.value() == "me" and can_view_budget(request.user):
            return queryset.filter(budget_line__assignee=request.user)
        return queryset
