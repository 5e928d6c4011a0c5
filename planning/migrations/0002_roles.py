from django.db import migrations


def add_planning_permissions(apps, schema_editor):
    from planning.roles import sync_groups

    sync_groups(apps)


def remove_planning_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.all():
        group.permissions.remove(*group.permissions.filter(content_type__app_label="planning"))


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(add_planning_permissions, remove_planning_permissions)]
