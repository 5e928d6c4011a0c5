from django.db import migrations


def add_comment_permissions(apps, schema_editor):
    from comments.roles import sync_groups

    sync_groups(apps)


def remove_comment_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.all():
        group.permissions.remove(*group.permissions.filter(content_type__app_label="comments"))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(add_comment_permissions, remove_comment_permissions)]
