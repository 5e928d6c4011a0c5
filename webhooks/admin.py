"""Webhooks in the admin (superusers): subscriptions, the outbox, the delivery log and a replay button."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from api.admin import SuperusersOnly

from .models import EVENT_TYPES, Attempt, Delivery, Event, Subscription
from .services import delivery_replay


class SubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"), choices=EVENT_TYPES, widget=forms.CheckboxSelectMultiple, required=True
    )

    url = forms.URLField(label=_("address"), max_length=500, assume_scheme="https")

    class Meta:
        model = Subscription
        fields = ["partner", "url", "events", "active"]


@admin.register(Subscription)
class SubscriptionAdmin(SuperusersOnly, admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ["partner", "url", "active", "created_at"]
    readonly_fields = ["secret", "created_at"]
    fields = ["partner", "url", "events", "active", "secret", "created_at"]


class AttemptInline(admin.TabularInline):
    model = Attempt
    fields = ["at", "status", "error", "duration_ms"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnly(SuperusersOnly):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["event", "subscription", "state", "attempts", "last_status", "next_attempt_at", "delivered_at"]
    list_filter = ["state", "subscription"]
    search_fields = ["event__id"]
    list_select_related = ["event", "subscription"]
    inlines = [AttemptInline]
    actions = ["replay"]

    @admin.action(description=_("Send again now (same webhook-id)"))
    def replay(self, request, queryset):
        for delivery in queryset:
            delivery_replay(delivery=delivery)
        self.message_user(request, _("%(count)d deliveries queued again.") % {"count": len(queryset)}, messages.SUCCESS)

    def get_actions(self, request):
        # Replaying is a superuser's decision, though the rows themselves are read-only.
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("replay", None)
        return actions


@admin.register(Event)
class EventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["id", "type", "article_id", "created_at"]
    list_filter = ["type"]
    search_fields = ["id", "article_id"]
    readonly_fields = ["id", "type", "article_id", "payload", "created_at"]
