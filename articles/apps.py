from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import selectors, signals

        # A section changed here: this process's navigation is read again on its next page.
        signals.sections_changed.connect(selectors.forget_navigation, dispatch_uid="articles.forget_navigation")
        # What readers see changed: every list is counted again (``selectors.list_facts``).
        signals.live_changed.connect(selectors.forget_list_facts, dispatch_uid="articles.forget_list_facts")
        signals.sections_changed.connect(selectors.forget_list_facts, dispatch_uid="articles.forget_sections_facts")
