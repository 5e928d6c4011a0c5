from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.admin_site import DeskPanel, register_desk_panel, register_story_list_filter
        from articles.signals import demo_loaded

        from . import demo
        from .desk import AssignedToMeFilter, assigned_to_me_panel

        # Until the notification centre exists, the desk is where a writer
        # learns of an assignment.
        register_desk_panel(
            DeskPanel(
                name="planning.assigned_to_me",
                template="admin/planning/includes/desk_panel.html",
                context=assigned_to_me_panel,
            )
        )
        register_story_list_filter("planning.assigned_to_me", AssignedToMeFilter)
        demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="planning.demo.on_demo_loaded")
