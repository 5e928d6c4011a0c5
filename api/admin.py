"""API keys in the admin: superusers make and revoke them; a key is shown once, when it is made."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .keys import api_key_create, api_key_revoke
from .models import ApiKey


class SuperusersOnly:
    """Keys open the API to partners: only superusers see or change them, whatever their permissions say."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the audit trail names them


class ApiKeyForm(forms.ModelForm):
    class Meta:
        model = ApiKey
        fields = ["name", "scope", "requests_per_minute"]


@admin.register(ApiKey)
class ApiKeyAdmin(SuperusersOnly, admin.ModelAdmin):
    form = ApiKeyForm
    list_display = ["name", "prefix", "scope", "requests_per_minute", "created_at", "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_by", "created_at", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "scope", "requests_per_minute"]
        return ["name", "prefix", "scope", "requests_per_minute", "created_by", "created_at", "revoked_at"]

    def get_readonly_fields(self, request, obj=None):
        # A key's scope and rate are fixed once it is made: make a new key to change them.
        if obj is None:
            return []
        return ["name", "prefix", "scope", "requests_per_minute", "created_by", "created_at", "revoked_at"]

    def save_model(self, request, obj, form, change):
        if change:
            return
        made = api_key_create(
            name=obj.name,
            scope=obj.scope,
            requests_per_minute=obj.requests_per_minute,
            user=request.user,
            request=request,
        )
        obj.pk = made.api_key.pk
        obj.prefix, obj.hashed_key, obj.created_by = made.api_key.prefix, made.api_key.hashed_key, request.user
        messages.warning(
            request,
            _("The new key is %(key)s — copy it now: it is stored only as a hash and will not be shown again.")
            % {"key": made.secret},
        )

    def log_addition(self, request, obj, message):
        pass  # api_key_create has recorded it in the audit trail, with the scope and rate

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        for api_key in queryset:
            api_key_revoke(api_key=api_key, user=request.user, request=request)
        self.message_user(request, _("%(count)d keys revoked.") % {"count": queryset.count()}, messages.SUCCESS)
