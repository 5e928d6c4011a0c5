"""API keys in the admin: the key is shown once, to the superuser who made it, and works at once."""

import pytest
from django.contrib.messages import get_messages

from api.models import ApiKey
from audit.models import AuditEvent
from tests.factories import published

pytestmark = pytest.mark.django_db


def test_a_superuser_makes_a_key_sees_it_once_and_can_revoke_it(as_user, superuser):
    client = as_user(superuser)
    answer = client.post(
        "/admin/api/apikey/add/", {"name": "Gulf Wire", "scope": "embargoed", "requests_per_minute": "100"}
    )
    assert answer.status_code == 302
    shown = " ".join(str(m) for m in get_messages(answer.wsgi_request))
    secret = next(word for word in shown.split() if word.startswith("nk_"))
    key = ApiKey.objects.get()
    assert key.scope == "embargoed" and key.created_by == superuser
    assert secret in client.get("/admin/api/apikey/").content.decode()  # the page after adding shows it
    assert secret not in client.get("/admin/api/apikey/").content.decode()  # and no page after that
    assert secret not in client.get(f"/admin/api/apikey/{key.pk}/change/").content.decode()
    story = published()
    assert client.get(f"/api/v1/stories/{story.pk}", HTTP_X_API_KEY=secret).status_code == 200
    # One audit event for the key, not two (the admin's own log entry is left out).
    assert AuditEvent.objects.filter(object_type="api.ApiKey").count() == 1
    client.post("/admin/api/apikey/", {"action": "revoke", "_selected_action": [key.pk]})
    assert client.get(f"/api/v1/stories/{story.pk}", HTTP_X_API_KEY=secret).status_code == 401
