from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed webhooks to partners: an outbox written with each change, delivered by the task worker.

    Listens to ``articles.signals.story_changed``; ``articles`` never imports it.
    """

    name = "webhooks"
    verbose_name = _("Webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.signals import story_changed

        from .receivers import on_story_changed

        story_changed.connect(on_story_changed, dispatch_uid="webhooks.on_story_changed")
