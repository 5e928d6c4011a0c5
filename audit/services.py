"""Writing to the audit trail."""

from django.db import models

from .models import AuditEvent


def client_address(request) -> str | None:
    """The client's address as the sign-in throttle sees it (proxy-aware when configured)."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


def audit_record(
    *,
    kind: str,
    request=None,
    actor=None,
    username: str = "",
    target: models.Model | None = None,
    message: str = "",
) -> AuditEvent:
    """Add one event to the trail."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        username=(username or (actor.get_username() if actor else ""))[:150],
        ip_address=client_address(request),
        object_type=target._meta.label if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:200] if target is not None else "",
        message=message,
    )
