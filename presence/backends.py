"""Where open forms are kept: Redis when it is configured and answering, the database otherwise.

Every app server writes and reads the same store, so two people on two
servers see each other. Redis keeps, per story, a hash of open tabs and a
sorted set of when each tab last beat; both keys expire by themselves when
a story is left. Its client has short socket timeouts: a Redis that is down
or hanging costs one heartbeat a fraction of a second, then is left alone for
a few seconds while the database stands in, so it never blocks the form.
"""

import json
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger("presence")

# A tab that has not beaten for this long has gone (a closed laptop, a lost
# connection): about three missed heartbeats.
EXPIRES_SECONDS = 15
REDIS_TIMEOUT_SECONDS = 0.25
RETRY_AFTER_SECONDS = 5.0
# Someone is "actively editing" when they have unsaved changes or typed
# within this long: opening the story then says so, and offers a take-over.
ACTIVE_SECONDS = 120
# How long a version key (``RedisBackend.bump``) is kept after its last change.
VERSION_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class Tab:
    """One open form: who, which tab, since when, and what they are doing."""

    user_id: int
    name: str
    tab: str
    since: float  # Unix time
    seen: float
    typing: bool = False
    unsaved: bool = False
    typed: float | None = None

    @property
    def member(self) -> str:
        return f"{self.user_id}:{self.tab}"


def _dumps(tab: Tab) -> str:
    return json.dumps(
        {
            "user_id": tab.user_id,
            "name": tab.name,
            "tab": tab.tab,
            "since": tab.since,
            "seen": tab.seen,
            "typing": tab.typing,
            "unsaved": tab.unsaved,
            "typed": tab.typed,
        }
    )


def _loads(value: bytes | str) -> Tab:
    return Tab(**json.loads(value))


# What one person sees of the others on a story, as a digest: each other
# tab still here, with whether it types, has unsaved changes, is active
# (``ACTIVE_SECONDS``) and its person's name. Both scripts below compute it
# the same way, so the quiet heartbeat compares like with like.
OTHERS_DIGEST_LUA = """
local function others_digest(values, me, now, active)
  local parts = {}
  for _, value in ipairs(values) do
    if value then
      local tab = cjson.decode(value)
      if tostring(tab.user_id) ~= me then
        local typed = tab.typed
        local busy = tab.unsaved or tab.typing or (typed ~= cjson.null and typed ~= nil and now - typed < active)
        parts[#parts + 1] = table.concat(
          {tostring(tab.user_id), tab.tab, tostring(tab.typing), tostring(tab.unsaved), tostring(busy), tab.name}, '|'
        )
      end
    end
  end
  table.sort(parts)
  return redis.sha1hex(table.concat(parts, '\\n'))
end
"""

# One heartbeat in one round trip: keep the tab's opening time (and when it
# last typed, unless it types now) from its previous beat, drop tabs that
# stopped beating, store this one, and answer with it, every tab still here
# (this one included) and the digest of the others. KEYS: the story's hash
# of tabs, its sorted set of last beats. ARGV: the tab's member, its entry as
# JSON, now, the cutoff, the keys' lifetime, ``ACTIVE_SECONDS``. Times go
# through as text so none loses precision.
BEAT_SCRIPT = (
    OTHERS_DIGEST_LUA
    + """
local tabs, seen = KEYS[1], KEYS[2]
local member, now, cutoff, ttl = ARGV[1], ARGV[3], ARGV[4], tonumber(ARGV[5])
local entry = cjson.decode(ARGV[2])
local before = redis.call('HGET', tabs, member)
if before then
  local known = cjson.decode(before)
  entry.since = known.since
  entry.typed = known.typed
end
if entry.typing then entry.typed = entry.seen end
local gone = redis.call('ZRANGEBYSCORE', seen, '-inf', '(' .. cutoff)
if #gone > 0 then
  redis.call('HDEL', tabs, unpack(gone))
  redis.call('ZREMRANGEBYSCORE', seen, '-inf', '(' .. cutoff)
end
local stored = cjson.encode(entry)
redis.call('HSET', tabs, member, stored)
redis.call('ZADD', seen, now, member)
redis.call('EXPIRE', tabs, ttl)
redis.call('EXPIRE', seen, ttl)
local alive = redis.call('ZRANGEBYSCORE', seen, cutoff, '+inf')
local found = {}
if #alive > 0 then found = redis.call('HMGET', tabs, unpack(alive)) end
local present = {}
for index, value in ipairs(found) do
  if value then present[#present + 1] = value end
end
return {stored, present, others_digest(present, tostring(entry.user_id), tonumber(now), tonumber(ARGV[6]))}
"""
)

# A quiet heartbeat (``presence.quiet``): the tab's beat is stored only if
# nothing its person sees has changed since the full heartbeat that let it
# go quiet: the story's, the person's and everyone's rights' versions
# (``RedisBackend.bump``) and the digest of the others. Answers 1 when it
# stored the beat, 0 when the full heartbeat must answer (then nothing is
# written). KEYS: the story's hash of tabs, its sorted set of last beats, the
# three versions. ARGV: the tab's member, the person's id, now, the cutoff,
# the keys' lifetime, ``ACTIVE_SECONDS``, typing and unsaved ("1" or "0"),
# the three versions and the digest as the full heartbeat saw them.
QUIET_SCRIPT = (
    OTHERS_DIGEST_LUA
    + """
local tabs, seen = KEYS[1], KEYS[2]
local member, me, now, cutoff, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local versions = redis.call('MGET', KEYS[3], KEYS[4], KEYS[5])
for index = 1, 3 do
  if (versions[index] or '0') ~= ARGV[8 + index] then return 0 end
end
local gone = redis.call('ZRANGEBYSCORE', seen, '-inf', '(' .. cutoff)
if #gone > 0 then
  redis.call('HDEL', tabs, unpack(gone))
  redis.call('ZREMRANGEBYSCORE', seen, '-inf', '(' .. cutoff)
end
local before = redis.call('HGET', tabs, member)
if not before then return 0 end
local alive = redis.call('ZRANGEBYSCORE', seen, cutoff, '+inf')
if #alive == 0 then return 0 end
local found = redis.call('HMGET', tabs, unpack(alive))
if others_digest(found, me, tonumber(now), tonumber(ARGV[6])) ~= ARGV[12] then return 0 end
local entry = cjson.decode(before)
entry.seen = tonumber(now)
entry.typing = ARGV[7] == '1'
entry.unsaved = ARGV[8] == '1'
if entry.typing then entry.typed = entry.seen end
redis.call('HSET', tabs, member, cjson.encode(entry))
redis.call('ZADD', seen, now, member)
redis.call('EXPIRE', tabs, ttl)
redis.call('EXPIRE', seen, ttl)
return 1
"""
)


# What ``Store._on_redis`` answers when Redis could not (``None`` is an answer of its own).
_NO_REDIS = object()


class DatabaseBackend:
    """Open forms as rows of ``OpenForm``: the zero-setup default, and the stand-in while Redis is down."""

    name = "database"

    def beat(self, article_id: int, tab: Tab) -> Tab:
        from .models import OpenForm

        now = datetime.fromtimestamp(tab.seen, tz=UTC)
        values = {"seen_at": now, "typing": tab.typing, "unsaved": tab.unsaved}
        if tab.typing:
            values["typed_at"] = now
        updated = OpenForm.objects.filter(article_id=article_id, user_id=tab.user_id, tab=tab.tab).update(**values)
        if not updated:
            OpenForm.objects.get_or_create(
                article_id=article_id,
                user_id=tab.user_id,
                tab=tab.tab,
                defaults={**values, "since": now, "typed_at": now if tab.typing else None},
            )
            # Sweep this story's long-gone tabs now and then: on arrival.
            OpenForm.objects.filter(article_id=article_id, seen_at__lt=now - timedelta(minutes=10)).delete()
        row = OpenForm.objects.get(article_id=article_id, user_id=tab.user_id, tab=tab.tab)
        return Tab(
            user_id=tab.user_id,
            name=tab.name,
            tab=tab.tab,
            since=row.since.timestamp(),
            seen=tab.seen,
            typing=tab.typing,
            unsaved=tab.unsaved,
            typed=row.typed_at.timestamp() if row.typed_at else None,
        )

    def beat_and_look(self, article_id: int, tab: Tab) -> tuple[Tab, list[Tab], None]:
        kept = self.beat(article_id, tab)
        return kept, self.present([article_id], now=tab.seen)[article_id], None

    def leave(self, article_id: int, user_id: int, tab: str) -> None:
        from .models import OpenForm

        OpenForm.objects.filter(article_id=article_id, user_id=user_id, tab=tab).delete()

    def present(self, article_ids: list[int], *, now: float) -> dict[int, list[Tab]]:
        from .models import OpenForm

        fresh = datetime.fromtimestamp(now - EXPIRES_SECONDS, tz=UTC)
        rows = OpenForm.objects.filter(article_id__in=article_ids, seen_at__gte=fresh).select_related("user")
        found: dict[int, list[Tab]] = {pk: [] for pk in article_ids}
        for row in rows:
            found[row.article_id].append(
                Tab(
                    user_id=row.user_id,
                    name=display_name(row.user),
                    tab=row.tab,
                    since=row.since.timestamp(),
                    seen=row.seen_at.timestamp(),
                    typing=row.typing,
                    unsaved=row.unsaved,
                    typed=row.typed_at.timestamp() if row.typed_at else None,
                )
            )
        return found


class RedisBackend:
    """Open forms in Redis, shared by every app server."""

    name = "redis"

    def __init__(self, url: str):
        self.client = redis.Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            # One try: a heartbeat comes again in a few seconds anyway.
            retry=Retry(NoBackoff(), 0),
        )
        self._beat = self.client.register_script(BEAT_SCRIPT)
        self._quiet = self.client.register_script(QUIET_SCRIPT)

    @staticmethod
    def _keys(article_id: int) -> tuple[str, str]:
        return f"newsroom:presence:{article_id}:tabs", f"newsroom:presence:{article_id}:seen"

    @staticmethod
    def _story_version(article_id: int) -> str:
        return f"newsroom:presence:{article_id}:version"

    @staticmethod
    def _person_version(user_id: int) -> str:
        return f"newsroom:presence:user:{user_id}:version"

    RIGHTS_VERSION = "newsroom:presence:rights:version"

    def _version_keys(self, article_id: int, user_id: int) -> tuple[str, str, str]:
        """What a quiet heartbeat is held to: the story's version, the person's, everyone's rights'."""
        return self._story_version(article_id), self._person_version(user_id), self.RIGHTS_VERSION

    def beat(self, article_id: int, tab: Tab) -> Tab:
        return self.beat_and_look(article_id, tab)[0]

    def beat_and_look(self, article_id: int, tab: Tab) -> tuple[Tab, list[Tab], str | None]:
        tabs, seen = self._keys(article_id)
        stored, alive, digest = self._beat(
            keys=[tabs, seen],
            args=[
                tab.member,
                _dumps(tab),
                repr(tab.seen),
                repr(tab.seen - EXPIRES_SECONDS),
                EXPIRES_SECONDS * 4,
                ACTIVE_SECONDS,
            ],
        )
        return _loads(stored), [_loads(value) for value in alive], digest.decode()

    def versions(self, article_id: int, user_id: int) -> tuple[str, str, str]:
        found = self.client.mget(self._version_keys(article_id, user_id))
        return tuple(value.decode() if value is not None else "0" for value in found)

    def quiet_beat(self, article_id: int, tab: Tab, *, versions: tuple[str, str, str], digest: str) -> bool:
        tabs, seen = self._keys(article_id)
        stored = self._quiet(
            keys=[tabs, seen, *self._version_keys(article_id, tab.user_id)],
            args=[
                tab.member,
                str(tab.user_id),
                repr(tab.seen),
                repr(tab.seen - EXPIRES_SECONDS),
                EXPIRES_SECONDS * 4,
                ACTIVE_SECONDS,
                "1" if tab.typing else "0",
                "1" if tab.unsaved else "0",
                *versions,
                digest,
            ],
        )
        return stored == 1

    def bump(self, *, article_ids=(), user_ids=(), rights: bool = False) -> None:
        keys = [self._story_version(pk) for pk in article_ids] + [self._person_version(pk) for pk in user_ids]
        if rights:
            keys.append(self.RIGHTS_VERSION)
        if not keys:
            return
        # A new value each time, never a count: a key that expired and was
        # set again can then never come back to a value a pass was given.
        value = f"{time.time_ns()}.{secrets.token_hex(4)}"
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            pipe.set(key, value, ex=VERSION_SECONDS)
        pipe.execute()

    def leave(self, article_id: int, user_id: int, tab: str) -> None:
        tabs, seen = self._keys(article_id)
        pipe = self.client.pipeline(transaction=False)
        pipe.hdel(tabs, f"{user_id}:{tab}")
        pipe.zrem(seen, f"{user_id}:{tab}")
        pipe.execute()

    def present(self, article_ids: list[int], *, now: float) -> dict[int, list[Tab]]:
        if not article_ids:
            return {}
        pipe = self.client.pipeline(transaction=False)
        for pk in article_ids:
            tabs, seen = self._keys(pk)
            pipe.zrangebyscore(seen, now - EXPIRES_SECONDS, "+inf")
            pipe.hgetall(tabs)
        answers = pipe.execute()
        found: dict[int, list[Tab]] = {}
        for index, pk in enumerate(article_ids):
            alive = {member.decode() for member in answers[2 * index]}
            stored = answers[2 * index + 1]
            found[pk] = [_loads(value) for member, value in stored.items() if member.decode() in alive]
        return found


class Store:
    """Redis when ``NEWSROOM_PRESENCE_REDIS_URL`` is set and answering, else the database.

    A Redis failure is logged once per outage and answered from the
    database; Redis is tried again after ``RETRY_AFTER_SECONDS``.
    """

    def __init__(self):
        self._redis: dict[str, RedisBackend] = {}
        self._down_until = 0.0
        self.database = DatabaseBackend()

    def _redis_backend(self) -> RedisBackend | None:
        url = getattr(settings, "NEWSROOM_PRESENCE_REDIS_URL", "")
        if not url or time.monotonic() < self._down_until:
            return None
        if url not in self._redis:
            self._redis[url] = RedisBackend(url)
        return self._redis[url]

    def _on_redis(self, method: str, *args, **kwargs):
        """``method`` on Redis, or ``_NO_REDIS`` when it is not configured, left alone for now, or fails."""
        backend = self._redis_backend()
        if backend is None:
            return _NO_REDIS
        try:
            return getattr(backend, method)(*args, **kwargs)
        except redis.RedisError as error:
            if time.monotonic() >= self._down_until:
                logger.error("Presence: Redis is not answering, using the database: %s", error)
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            return _NO_REDIS

    def _call(self, method: str, *args, **kwargs):
        found = self._on_redis(method, *args, **kwargs)
        return getattr(self.database, method)(*args, **kwargs) if found is _NO_REDIS else found

    @property
    def backend_name(self) -> str:
        return "redis" if self._redis_backend() is not None else "database"

    def beat(self, article_id: int, tab: Tab) -> Tab:
        return self._call("beat", article_id, tab)

    def beat_and_look(self, article_id: int, tab: Tab) -> tuple[Tab, list[Tab], str | None]:
        """Store ``tab``'s beat; answer with it as stored, every tab open on the story now (itself included)
        and the digest of the others as a quiet heartbeat compares it (``None`` from the database).
        """
        return self._call("beat_and_look", article_id, tab)

    def _redis_only(self, method: str, *args, **kwargs):
        """``method`` on Redis, or ``None`` without it (the database has no quiet heartbeats)."""
        found = self._on_redis(method, *args, **kwargs)
        return None if found is _NO_REDIS else found

    def versions(self, article_id: int, user_id: int) -> tuple[str, str, str] | None:
        """The versions a quiet heartbeat is held to (the story's, the person's, everyone's rights); ``None`` without Redis."""
        return self._redis_only("versions", article_id, user_id)

    def quiet_beat(self, article_id: int, tab: Tab, *, versions: tuple[str, str, str], digest: str) -> bool:
        """Store ``tab``'s beat if nothing its person sees changed since ``versions`` and ``digest``; else ``False``."""
        return bool(self._redis_only("quiet_beat", article_id, tab, versions=versions, digest=digest))

    def bump(self, *, article_ids=(), user_ids=(), rights: bool = False) -> None:
        """Something these stories' or people's panels or pulses show changed: their quiet heartbeats end.

        Without Redis there are no quiet heartbeats; a bump Redis missed is
        made up by the pass's lifetime (``presence.quiet.PASS_SECONDS``).
        """
        self._redis_only("bump", article_ids=list(article_ids), user_ids=list(user_ids), rights=rights)

    def leave(self, article_id: int, user_id: int, tab: str) -> None:
        self._call("leave", article_id, user_id, tab)

    def present(self, article_ids: list[int], *, now: float | None = None) -> dict[int, list[Tab]]:
        return self._call("present", list(article_ids), now=time.time() if now is None else now)

    def reset(self) -> None:
        """Forget clients and outages (tests switch Redis servers)."""
        for backend in self._redis.values():
            backend.client.close()
        self._redis.clear()
        self._down_until = 0.0


store = Store()


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()
