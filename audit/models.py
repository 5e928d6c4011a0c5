"""The audit trail: who did what in the admin, when, from where.

Rows are only ever added. The model refuses changes and deletions, and a
database trigger refuses updates, so not even a superuser with a shell can
quietly rewrite what happened.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditImmutable(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutable("Audit events cannot be changed.")

    def delete(self):
        raise AuditImmutable("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Sign-in failed")
        LOGOUT = "logout", _("Signed out")
        LOCKED_OUT = "locked_out", _("Locked out")
        ADDITION = "addition", _("Added")
        CHANGE = "change", _("Changed")
        DELETION = "deletion", _("Deleted")

    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(
        _("username"), max_length=150, blank=True, help_text=_("As typed, for failed sign-ins.")
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    message = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["actor", "-created_at"], name="audit_by_actor")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.username or self.actor_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditImmutable("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutable("Audit events cannot be deleted.")
