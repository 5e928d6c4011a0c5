from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresenceConfig(AppConfig):
    name = "presence"
    verbose_name = _("Presence")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model, user_logged_out
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from articles import admin_site
        from articles.models import Article
        from articles.signals import demo_loaded, desk_pulse_changed, parallel_revision, story_changed, story_moved

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
        # What ends the quiet heartbeats (``presence.quiet``) of those it concerns.
        story_moved.connect(receivers.on_story_moved, dispatch_uid="presence.on_story_moved")
        story_changed.connect(receivers.on_story_changed, dispatch_uid="presence.on_story_changed")
        post_delete.connect(receivers.on_story_deleted, sender=Article, dispatch_uid="presence.on_story_deleted")
        desk_pulse_changed.connect(receivers.on_desk_pulse_changed, dispatch_uid="presence.on_desk_pulse_changed")
        user_logged_out.connect(receivers.on_signed_out, dispatch_uid="presence.on_signed_out")
        user = get_user_model()
        post_save.connect(receivers.on_person_saved, sender=user, dispatch_uid="presence.on_person_saved")
        rights = (
            (post_save, Group),
            (post_delete, Group),
            (post_delete, user),
            (m2m_changed, user.groups.through),
            (m2m_changed, user.user_permissions.through),
            (m2m_changed, Group.permissions.through),
        )
        for number, (signal, sender) in enumerate(rights):
            signal.connect(
                receivers.on_rights_changed, sender=sender, dispatch_uid=f"presence.on_rights_changed.{number}"
            )
