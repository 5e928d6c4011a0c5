from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache
        from .signals import live_changed

        # Cached public pages are forgotten once a change to what readers
        # see has been committed.
        live_changed.connect(cache.on_live_changed, dispatch_uid="articles.cache.on_live_changed")
