from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail can be searched and filtered, never edited."""

    list_display = ["created_at", "kind", "actor", "username", "ip_address", "object_type", "object_repr"]
    list_filter = ["kind", "object_type"]
    search_fields = ["username", "object_repr", "message", "ip_address"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
