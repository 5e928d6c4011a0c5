"""API keys: stored hashed, shown once, scoped, revocable, rate-limited, audited; previews by signed token."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import override_settings
from django.utils import timezone

from api.access import over_limit
from api.keys import api_key_create, api_key_revoke, hash_key, preview_token
from api.models import ApiKey
from audit.models import AuditEvent
from tests.factories import draft, published, scheduled

pytestmark = pytest.mark.django_db


def test_a_key_is_stored_only_as_its_hash(superuser):
    made = api_key_create(name="App", user=superuser)
    row = ApiKey.objects.get()
    assert made.secret.startswith("nk_") and len(made.secret) > 40
    assert made.secret not in (row.prefix, row.hashed_key)
    assert row.hashed_key == hash_key(made.secret)
    assert made.secret.startswith(row.prefix)


def test_live_stories_need_no_key_but_a_bad_or_revoked_key_is_refused(client, superuser):
    story = published()
    assert client.get(f"/api/v1/stories/{story.pk}").status_code == 200
    assert client.get(f"/api/v1/stories/{story.pk}", HTTP_X_API_KEY="nk_wrong").status_code == 401
    made = api_key_create(name="App", user=superuser)
    assert client.get(f"/api/v1/stories/{story.pk}", HTTP_X_API_KEY=made.secret).status_code == 200
    api_key_revoke(api_key=made.api_key, user=superuser)
    answer = client.get(f"/api/v1/stories/{story.pk}", HTTP_X_API_KEY=made.secret)
    assert answer.status_code == 401
    assert "revoked" in answer.json()["detail"]


def test_only_the_embargo_scope_reads_stories_before_their_time(client, live_key, embargo_key):
    story = scheduled(embargo_until=timezone.now() + timedelta(hours=3), at=timezone.now() + timedelta(hours=3))
    assert client.get("/api/v1/embargoed").status_code == 401
    assert client.get("/api/v1/embargoed", HTTP_X_API_KEY=live_key).status_code == 403
    assert client.get(f"/api/v1/embargoed/{story.pk}", HTTP_X_API_KEY=live_key).status_code == 403
    listed = client.get("/api/v1/embargoed", HTTP_X_API_KEY=embargo_key)
    assert [item["id"] for item in listed.json()["items"]] == [story.pk]
    assert "private" in listed["Cache-Control"]
    one = client.get(f"/api/v1/embargoed/{story.pk}", HTTP_X_API_KEY=embargo_key).json()
    assert one["status"] == "embargoed"
    assert one["editions"]["ar"]["headline"] == story.scheduled_revision.headline_ar
    # Even with the scope, the live endpoints never show it.
    assert client.get(f"/api/v1/stories/{story.pk}", HTTP_X_API_KEY=embargo_key).status_code == 404


def test_a_key_over_its_rate_gets_429_with_retry_after(client, superuser):
    made = api_key_create(name="Small app", user=superuser, requests_per_minute=3)
    answers = [client.get("/api/v1/sections", HTTP_X_API_KEY=made.secret) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert 1 <= int(answers[-1]["Retry-After"]) <= 60
    # Another key, and anonymous callers, have counts of their own.
    other = api_key_create(name="Other", user=superuser, requests_per_minute=3)
    assert client.get("/api/v1/sections", HTTP_X_API_KEY=other.secret).status_code == 200


def test_anonymous_callers_are_limited_per_address(client, settings):
    settings.NEWSROOM_API_ANONYMOUS_PER_MINUTE = 2
    codes = [client.get("/api/v1/sections").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/api/v1/sections", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_limit_is_counted_per_minute():
    assert over_limit("t", 1, now=1_000_020.0) is None
    assert over_limit("t", 1, now=1_000_030.0) == 50
    assert over_limit("t", 1, now=1_000_080.0) is None  # a new minute


def test_with_the_cache_down_the_api_still_answers(client):
    story = published()
    down = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=down):
        assert over_limit("down", 1) is None
        assert client.get(f"/api/v1/stories/{story.pk}").status_code == 200


def test_keys_are_recorded_in_the_audit_trail(superuser):
    made = api_key_create(name="Gulf Wire", user=superuser, scope=ApiKey.Scope.EMBARGOED)
    api_key_revoke(api_key=made.api_key, user=superuser)
    events = list(AuditEvent.objects.filter(object_type="api.ApiKey").order_by("id"))
    assert [event.kind for event in events] == ["addition", "change"]
    assert "embargoed" in events[0].message and "revoked" in events[1].message
    assert all(event.actor == superuser for event in events)
    assert made.secret not in events[0].message


def test_a_preview_token_shows_one_draft_revision_until_it_expires(client, editor):
    story = draft(editor, headline_ar="مسودة لم تنشر")
    token = preview_token(revision_id=story.latest_revision_id)
    answer = client.get(f"/api/v1/preview/{token}")
    assert answer.status_code == 200
    assert answer.json()["editions"]["ar"]["headline"] == "مسودة لم تنشر"
    assert answer.json()["status"] == "preview"
    assert "no-store" in answer["Cache-Control"]
    assert client.get(f"/api/v1/preview/{token[:-2]}xx").status_code == 404
    assert client.get(f"/api/v1/stories/{story.pk}").status_code == 404
    forged = signing.dumps({"r": story.latest_revision_id, "t": 3600}, salt="another.salt", compress=True)
    assert client.get(f"/api/v1/preview/{forged}").status_code == 404


def test_an_expired_preview_token_is_refused(client, editor, monkeypatch):
    import time as clock

    story = draft(editor)
    token = preview_token(revision_id=story.latest_revision_id, max_age=60)
    later = clock.time() + 61
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert client.get(f"/api/v1/preview/{token}").status_code == 404


def test_the_command_prints_a_preview_address_for_a_revision(client, editor):
    from io import StringIO

    from django.core.management import CommandError, call_command

    story = draft(editor, headline_ar="مسودة للمعاينة")
    out = StringIO()
    call_command("api_preview_token", str(story.pk), "--minutes", "5", stdout=out)
    address = out.getvalue().splitlines()[0]
    assert client.get(address).json()["editions"]["ar"]["headline"] == "مسودة للمعاينة"
    with pytest.raises(CommandError):
        call_command("api_preview_token", str(story.pk), "--revision", "99", stdout=StringIO())
