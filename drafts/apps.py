from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "drafts"
    verbose_name = _("Draft copies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.signals import revision_saved

        from . import receivers

        revision_saved.connect(receivers.on_revision_saved, dispatch_uid="drafts.receivers.on_revision_saved")
