from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """The public page cache: it listens to ``articles``' signals and is never imported by ``articles``."""

    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from articles.signals import live_changed, pages_changed, sections_changed

        from . import receivers

        # Stored pages are forgotten once a change to what readers see has
        # been committed (the services send these on commit).
        live_changed.connect(receivers.story_changed, dispatch_uid="pagecache.story_changed")
        sections_changed.connect(receivers.sections_changed, dispatch_uid="pagecache.sections_changed")
        pages_changed.connect(receivers.pages_changed, dispatch_uid="pagecache.pages_changed")
