from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.admin_site import register_story_panel
        from articles.signals import demo_loaded

        from . import demo

        register_story_panel("comments", "admin/comments/includes/panel.html")
        demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="comments.demo.on_demo_loaded")
