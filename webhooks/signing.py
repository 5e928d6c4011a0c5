"""Standard Webhooks signatures (https://www.standardwebhooks.com/).

Each request carries ``webhook-id`` (the event's id, the same on every
retry), ``webhook-timestamp`` (seconds since the epoch, when this attempt
was sent) and ``webhook-signature``: ``v1,`` and the base64 HMAC-SHA256 of
``"{id}.{timestamp}.{body}"`` keyed with the secret's bytes (the secret is
``whsec_`` and base64). ``verify`` is what a partner runs on receipt.
"""

import base64
import hashlib
import hmac
import time


class InvalidSignature(Exception):
    pass


TOLERANCE = 5 * 60  # seconds a receiver accepts between the timestamp and its clock


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix("whsec_"))


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(_key(secret), f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def headers(secret: str, msg_id: str, body: bytes, *, timestamp: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, msg_id, timestamp, body),
    }


def verify(secret: str, received: dict[str, str], body: bytes, *, now: float | None = None) -> None:
    """Raise ``InvalidSignature`` unless ``received`` headers sign ``body`` with ``secret``, recently."""
    lower = {name.lower(): value for name, value in received.items()}
    try:
        msg_id, timestamp = lower["webhook-id"], int(lower["webhook-timestamp"])
        offered = lower["webhook-signature"].split(" ")
    except (KeyError, ValueError) as error:
        raise InvalidSignature("missing or malformed webhook headers") from error
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE:
        raise InvalidSignature("timestamp too far from now")
    expected = signature(secret, msg_id, timestamp, body)
    if not any(hmac.compare_digest(expected, candidate) for candidate in offered):
        raise InvalidSignature("no signature matches")
