"""Making, revoking and checking API keys, and previews by signed token.

A key is ``nk_`` followed by 40 random URL-safe characters; only its SHA-256
is stored. A key has the entropy of a random secret, not of a password, so a
fast hash is enough: nobody can guess one from its hash, and checking a key
costs one indexed lookup.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record

from .models import ApiKey

KEY_PREFIX = "nk_"
PREFIX_LENGTH = 11  # "nk_" and eight characters: enough to tell keys apart in a list


@dataclass(frozen=True)
class NewKey:
    """A key just made: the row, and the key itself, which is shown this once and never again."""

    api_key: ApiKey
    secret: str


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_key_create(
    *, name: str, user, scope: str = ApiKey.Scope.LIVE, requests_per_minute: int = 600, request=None
) -> NewKey:
    """Make a key for a partner and record who made it."""
    secret = KEY_PREFIX + secrets.token_urlsafe(30)
    api_key = ApiKey(
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        hashed_key=hash_key(secret),
        scope=scope,
        requests_per_minute=requests_per_minute,
        created_by=user,
    )
    api_key.full_clean()
    with transaction.atomic():
        api_key.save()
        audit_record(
            kind=AuditEvent.Kind.ADDITION,
            request=request,
            actor=user,
            target=api_key,
            message=f"API key created for {name}, scope {scope}, {requests_per_minute} requests per minute.",
        )
    return NewKey(api_key=api_key, secret=secret)


def api_key_revoke(*, api_key: ApiKey, user, request=None) -> ApiKey:
    """Stop a key working at once; the row stays for the record."""
    with transaction.atomic():
        locked = ApiKey.objects.select_for_update().get(pk=api_key.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            audit_record(
                kind=AuditEvent.Kind.CHANGE,
                request=request,
                actor=user,
                target=locked,
                message=f"API key {locked.prefix}… revoked.",
            )
    return locked


def api_key_for(secret: str) -> ApiKey | None:
    """The active key ``secret`` is, or ``None`` (unknown, malformed or revoked)."""
    if not secret.startswith(KEY_PREFIX) or len(secret) > 100:
        return None
    found = ApiKey.objects.filter(hashed_key=hash_key(secret), revoked_at__isnull=True).first()
    if found is None or not hmac.compare_digest(found.hashed_key, hash_key(secret)):
        return None
    return found


# --- Previews of a draft revision ------------------------------------------------

PREVIEW_SALT = "api.preview"
PREVIEW_MAX_AGE = 3600  # seconds a preview token stays good


def preview_token(*, revision_id: int, max_age: int | None = None) -> str:
    """A signed token that shows one revision, any state, until it expires.

    Signed with the site's secret key (django.core.signing): it cannot be
    forged or pointed at another revision, and it names no user.
    """
    return signing.dumps({"r": revision_id, "t": max_age or PREVIEW_MAX_AGE}, salt=PREVIEW_SALT, compress=True)


def preview_revision_id(token: str) -> int | None:
    """The revision a token shows, or ``None`` when it is forged, altered or expired."""
    try:
        # The age is checked against the token's own lifetime, which the
        # signature covers.
        data = signing.loads(token, salt=PREVIEW_SALT, max_age=None)
        signing.loads(token, salt=PREVIEW_SALT, max_age=int(data["t"]))
        return int(data["r"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
