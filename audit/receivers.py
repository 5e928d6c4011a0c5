"""What the audit trail listens to: sign-ins, sign-outs, lockouts and the admin's own log.

These receivers only record; they decide nothing.
"""

from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AuditEvent
from .services import audit_record

ADMIN_ACTIONS = {ADDITION: AuditEvent.Kind.ADDITION, CHANGE: AuditEvent.Kind.CHANGE, DELETION: AuditEvent.Kind.DELETION}


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    audit_record(kind=AuditEvent.Kind.LOGIN, request=request, actor=user)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    audit_record(kind=AuditEvent.Kind.LOGOUT, request=request, actor=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    audit_record(kind=AuditEvent.Kind.LOGIN_FAILED, request=request, username=credentials.get("username", ""))


@receiver(user_locked_out)
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    audit_record(kind=AuditEvent.Kind.LOCKED_OUT, request=request, username=username or "")


@receiver(post_save, sender=LogEntry)
def _admin_action(sender, instance: LogEntry, created, **kwargs):
    if not created:
        return
    AuditEvent.objects.create(
        kind=ADMIN_ACTIONS.get(instance.action_flag, AuditEvent.Kind.CHANGE),
        actor_id=instance.user_id,
        object_type=instance.content_type.model_class()._meta.label if instance.content_type_id else "",
        object_id=instance.object_id or "",
        object_repr=instance.object_repr,
        message=instance.get_change_message(),
        created_at=instance.action_time,
    )
