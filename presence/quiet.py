"""Quiet heartbeats: an open form's beat answered before the desk's middleware, the database and the drawing.

Nearly every heartbeat finds what its person sees as it was: the same
people in the same states, the same bell. A full heartbeat (``views.beat``)
on Redis therefore gives the form a *pass*, signed with the secret key, for
one person's tab on one story in one session, for ``PASS_SECONDS``, holding
what that heartbeat saw: the versions of the story, of the person and of
everyone's rights, and the digest of the others on the story
(``backends.RedisBackend.bump`` and ``backends.QUIET_SCRIPT``). The form
sends it back with each beat. ``middleware.QuietHeartbeatMiddleware`` then
checks the signature, the age, the story, the tab and the session cookie,
and asks Redis, in one round trip, to store the beat if nothing the person
sees has changed: the answer is ``{"same": true, "quiet": true}``. Anything
else (no pass, a pass too old or for another session, a change, Redis
down) goes on to the full heartbeat, which answers as before, with a new
pass.

What would change the answer bumps a version (``receivers``): a workflow
move, a take-over, a parallel revision noted or dismissed, the bell's count
(``articles.signals.desk_pulse_changed``), a person's or group's rights,
signing out. What is bumped nowhere (a session that simply expired) waits
at most ``PASS_SECONDS``.
"""

import functools
import re
import time

from django.conf import settings
from django.core import signing
from django.http import JsonResponse, QueryDict
from django.urls import get_script_prefix, reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from .backends import Tab, store

PASS_SECONDS = 30
SALT = "presence.quiet"
# A quiet heartbeat is a few short fields, sent as a URL-encoded form.
LONGEST_BODY = 2048


def session_mark(session_key: str) -> str:
    """The session, as a pass names it: never the key itself, which the page's scripts must not hold."""
    return salted_hmac(f"{SALT}.session", session_key).hexdigest()[:32]


def pass_issue(*, user_id: int, article_id: int, tab: str, session_key: str, versions, digest: str) -> str:
    """A pass for ``user_id``'s ``tab`` on the story, in this session, holding what its full heartbeat saw."""
    return signing.dumps(
        [user_id, article_id, tab, session_mark(session_key), *versions, digest], salt=SALT, compress=False
    )


@functools.cache
def _beat_address(prefix: str) -> re.Pattern:
    """The heartbeat's address as a pattern; kept per script prefix, which ``reverse`` puts in front of it."""
    before, after = reverse("admin:presence_beat", args=[0]).rsplit("/0/", 1)
    return re.compile(rf"{re.escape(before)}/(\d+)/{re.escape(after)}")


def _fields(request) -> QueryDict | None:
    if request.content_type != "application/x-www-form-urlencoded":
        return None
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= LONGEST_BODY:
        return None
    return QueryDict(request.body, encoding=request.encoding)


def quiet_answer(request) -> JsonResponse | None:
    """The quiet answer to this heartbeat, or ``None`` when the full heartbeat must answer it."""
    address = _beat_address(get_script_prefix()).fullmatch(request.path)
    if address is None:
        return None
    fields = _fields(request)
    if fields is None or not fields.get("pass"):
        return None
    try:
        user_id, article_id, tab, mark, *versions, digest = signing.loads(
            fields["pass"], salt=SALT, max_age=PASS_SECONDS
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    if (
        article_id != int(address[1])
        or tab != fields.get("tab")
        or not session_key
        or not constant_time_compare(session_mark(session_key), mark)
        or len(versions) != 3
    ):
        return None
    now = time.time()
    beat = Tab(
        user_id=user_id,
        name="",
        tab=tab,
        since=now,
        seen=now,
        typing=fields.get("typing") in ("1", "true", "on"),
        unsaved=fields.get("unsaved") in ("1", "true", "on"),
    )
    if not store.quiet_beat(article_id, beat, versions=tuple(versions), digest=digest):
        return None
    return JsonResponse({"same": True, "quiet": True}, headers={"Cache-Control": "no-store"})
