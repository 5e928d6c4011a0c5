from django.db import migrations, models

# Two indexes for the desk at a million revisions.
#
# "revision_by_section": the story list filtered by section asks which
# stories' current revision is in the section. With each revision's id
# beside its section, PostgreSQL answers it from this index and the stories'
# index of ``latest_revision`` alone (a merge of two index-only scans),
# instead of reading a revision row for every story.
#
# "transition_latest": the dashboard's newest moves sorted every move ever
# made (200,000 at 100,000 stories, sorted on disk) to show ten.
#
# Plain CREATE INDEX: each locks its table against writes while it is built
# (about ten seconds for both at a million revisions).


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_search_body_plain_text")]

    operations = [
        migrations.AddIndex(
            model_name="revision",
            index=models.Index(fields=["section", "id"], name="revision_by_section"),
        ),
        migrations.AddIndex(
            model_name="transition",
            index=models.Index(fields=["-created_at", "-id"], name="transition_latest"),
        ),
    ]
