"""The audit trail records sign-ins and admin actions, and cannot be edited."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction

from articles.models import Section
from audit.models import AuditEvent, AuditImmutable
from tests.factories import EditorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_and_out_are_recorded_with_the_address(client):
    editor = EditorFactory(username="sara")
    response = client.post("/admin/login/", {"username": "sara", "password": "pass"}, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 302
    client.post("/admin/logout/")
    kinds = list(AuditEvent.objects.order_by("id").values_list("kind", "actor", "ip_address"))
    assert kinds[0] == (AuditEvent.Kind.LOGIN, editor.pk, "10.0.0.7")
    assert kinds[1][0] == AuditEvent.Kind.LOGOUT


def test_failed_sign_in_is_recorded_with_the_name_typed(client):
    client.post("/admin/login/", {"username": "nobody", "password": "x"}, REMOTE_ADDR="10.0.0.8")
    event = AuditEvent.objects.get()
    assert (event.kind, event.username, event.actor, event.ip_address) == (
        AuditEvent.Kind.LOGIN_FAILED,
        "nobody",
        None,
        "10.0.0.8",
    )


def test_admin_log_entries_are_mirrored():
    user = UserFactory(is_superuser=True)
    section = Section.objects.create(slug="opinion", name_ar="رأي", name_en="Opinion")
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[section], action_flag=ADDITION, change_message="Added.", single_object=True
    )
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ADDITION)
    assert (event.actor, event.object_type, event.object_id) == (user, "articles.Section", str(section.pk))
    assert ContentType.objects.get_for_model(Section)


def test_events_cannot_be_changed_or_deleted():
    event = AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN, username="sara")
    event.username = "someone else"
    with pytest.raises(AuditImmutable):
        event.save()
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(username="x")
    with pytest.raises(AuditImmutable):
        event.delete()
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_updates_even_behind_the_models_back():
    event = AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN, username="sara")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET username = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).username == "sara"


def test_only_superusers_can_read_the_trail_and_nobody_can_edit_it(client):
    AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN, username="sara")
    editor = EditorFactory()
    client.force_login(editor)
    assert client.get("/admin/audit/auditevent/").status_code == 403
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    event = AuditEvent.objects.first()
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
