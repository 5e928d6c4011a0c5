from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresenceConfig(AppConfig):
    name = "presence"
    verbose_name = _("Presence")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles import admin_site
        from articles.signals import demo_loaded, parallel_revision

        from . import demo, desk, receivers

        admin_site.register_desk_panel(
            admin_site.DeskPanel(
                name="presence.parallel_revisions",
                template="admin/presence/desk_panel.html",
                context=desk.parallel_panel,
            )
        )
        admin_site.register_screen_panel(
            "form",
            admin_site.ScreenPanel(
                name="presence.form", template="admin/presence/form_panel.html", context=desk.form_panel
            ),
        )
        admin_site.register_screen_panel(
            "history",
            admin_site.ScreenPanel(
                name="presence.take_overs", template="admin/presence/history_section.html", context=desk.history_section
            ),
        )
        admin_site.register_story_marks("presence.editing", desk.editing_marks)
        admin_site.register_admin_urls("presence", desk.admin_urls)
        parallel_revision.connect(receivers.on_parallel_revision, dispatch_uid="presence.on_parallel_revision")
        demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="presence.demo.on_demo_loaded")
