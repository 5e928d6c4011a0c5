from django.db import migrations


def add_live_permissions(apps, schema_editor):
    from live.roles import sync_groups

    sync_groups(apps)


def remove_live_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.all():
        group.permissions.remove(*group.permissions.filter(content_type__app_label="live"))


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(add_live_permissions, remove_live_permissions)]
