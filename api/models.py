"""API keys: who a partner is, what they may read and how often."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A partner's key to the content API, stored only as a hash.

    The key itself is shown once, when it is made (``keys.api_key_create``);
    the row keeps its first characters, to tell keys apart, and the SHA-256
    of the whole. A revoked key stays, so the audit trail can name it.
    """

    class Scope(models.TextChoices):
        LIVE = "live", _("Live stories")
        EMBARGOED = "embargoed", _("Live stories, and embargoed or scheduled stories before their time")

    name = models.CharField(
        _("partner"), max_length=120, help_text=_("Who holds the key, for example “Gulf Wire syndication”.")
    )
    prefix = models.CharField(_("key begins with"), max_length=16, unique=True, editable=False)
    hashed_key = models.CharField(_("hash of the key"), max_length=64, unique=True, editable=False)
    scope = models.CharField(
        _("may read"),
        max_length=12,
        choices=Scope.choices,
        default=Scope.LIVE,
        help_text=_("Only syndication partners who honour embargoes may read stories before their time."),
    )
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"), default=600, help_text=_("Requests above this answer 429 until the minute is over.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        constraints = [
            models.CheckConstraint(condition=models.Q(scope__in=["live", "embargoed"]), name="api_key_scope_valid"),
            models.CheckConstraint(condition=models.Q(requests_per_minute__gt=0), name="api_key_rate_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def reads_embargoed(self) -> bool:
        return self.is_active and self.scope == self.Scope.EMBARGOED
