"""Who is asking, what they may read, and how often: keys, scopes and rate limits.

Live stories are public: the same text is on the website for anyone, so the
API answers without a key, at a lower rate per address. A key gives a
partner a rate of their own and, with the embargo scope, stories before
their time. A key that is sent must be valid: a wrong or revoked key is
refused (401) rather than served as anonymous, so a partner hears at once
that their key stopped working.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from audit.services import client_address

from .keys import api_key_for
from .models import ApiKey

logger = logging.getLogger(__name__)
WINDOW = 60  # seconds


@dataclass(frozen=True)
class Client:
    """The caller of one request: a partner's key, or an anonymous address."""

    key: ApiKey | None
    address: str

    @property
    def reads_embargoed(self) -> bool:
        return self.key is not None and self.key.reads_embargoed

    @property
    def bucket(self) -> str:
        return f"key:{self.key.pk}" if self.key else f"ip:{self.address}"

    @property
    def limit(self) -> int:
        return self.key.requests_per_minute if self.key else settings.NEWSROOM_API_ANONYMOUS_PER_MINUTE


class RateLimited(Exception):
    def __init__(self, retry_after: int, limit: int):
        super().__init__(retry_after)
        self.retry_after = retry_after
        self.limit = limit


def over_limit(bucket: str, limit: int, *, now: float | None = None) -> int | None:
    """Count one request in ``bucket``'s current minute; the seconds to wait if over ``limit``, else ``None``.

    Counted in the shared cache (Redis), so every app server sees the same
    count. When the cache is down the count is unknown and the request is
    let through: the limit protects the site, and refusing every partner
    because Redis restarted would be the greater harm.
    """
    now = time.time() if now is None else now
    start = int(now) - int(now) % WINDOW
    key = f"api:rate:{bucket}:{start}"
    if cache.add(key, 1, timeout=WINDOW + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, timeout=WINDOW + 5)
            count = 1
    if count is None:
        return None
    if count > limit:
        return max(1, WINDOW - (int(now) - start))
    return None


class PartnerKey(APIKeyHeader):
    """``X-API-Key: nk_...``: optional for live stories, required for the embargo scope."""

    param_name = "X-API-Key"

    def authenticate(self, request, key):
        if key is None:
            client = Client(key=None, address=client_address(request) or "")
        else:
            found = api_key_for(key)
            if found is None:
                raise HttpError(401, "This API key is not valid or has been revoked.")
            client = Client(key=found, address=client_address(request) or "")
        wait = over_limit(client.bucket, client.limit)
        if wait is not None:
            raise RateLimited(wait, client.limit)
        request.api_client = client
        return client


def require_embargo_scope(request) -> Client:
    client = request.auth
    if client.key is None:
        raise HttpError(401, "Stories before their time need an API key with the embargo scope.")
    if not client.reads_embargoed:
        raise HttpError(403, "This API key may read live stories only.")
    return client
