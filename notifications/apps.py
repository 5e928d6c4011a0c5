from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.admin_site import register_desk_pulse, register_story_panel

        from . import receivers  # noqa: F401 - connects the signal receivers
        from .desk import pulse, pulse_read

        register_story_panel("notifications.follow", "admin/notifications/includes/follow_panel.html")
        # An open story form's heartbeat carries the bell's count: the bell
        # there needs no timer of its own (bell.js listens for it); the count
        # is read in the heartbeat's own story query.
        register_desk_pulse("notifications.bell", pulse, read=pulse_read)
