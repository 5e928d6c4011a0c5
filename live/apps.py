from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    """Live coverage and breaking-news banners: built on articles' services, selectors and signals, never imported by it."""

    name = "live"
    verbose_name = _("Live coverage")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.admin_site import DeskPanel, ScreenPanel, register_desk_panel, register_screen_panel
        from articles.extensions import StoryAddition, register_story_addition
        from articles.signals import demo_loaded

        from . import demo, desk, public

        register_story_addition(
            StoryAddition(name="live.coverage", context=public.story_addition, annotations=public.story_annotations)
        )
        register_screen_panel(
            "history",
            ScreenPanel(
                name="live.entries", template="admin/live/includes/history_section.html", context=desk.history_section
            ),
        )
        register_desk_panel(
            DeskPanel(name="live.coverage", template="admin/live/includes/desk_panel.html", context=desk.desk_panel)
        )
        demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="live.demo.on_demo_loaded")
