from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The content API: read-only JSON and IPTC ninjs for apps and partners, with keys.

    Depends on ``articles`` through its selectors and models; ``articles``
    never imports it.
    """

    name = "api"
    verbose_name = _("Content API")
    default_auto_field = "django.db.models.BigAutoField"
