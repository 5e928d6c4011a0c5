from django.db import migrations

SQLITE = """
CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""
SQLITE_UNDO = "DROP TRIGGER IF EXISTS audit_auditevent_append_only;"

POSTGRES = """
CREATE FUNCTION audit_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$;
CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_refuse_update();
"""
POSTGRES_UNDO = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_refuse_update();
"""


def forwards(apps, schema_editor):
    sql = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    sql = {"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    """Refuse UPDATE on the audit table in the database itself.

    Deletion is refused by the model and its queryset; the database still
    allows it so that the test suite can empty tables between tests.
    """

    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
