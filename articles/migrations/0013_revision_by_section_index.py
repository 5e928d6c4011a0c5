from django.db import migrations, models

# The desk's list filtered by section asks which stories' current revision
# is in the section. With each revision's id beside its section in an index,
# PostgreSQL answers it from this index and the stories' index of
# ``latest_revision`` alone, instead of reading a revision row for every
# story (at a million revisions, most of a 4 GB table). A plain CREATE INDEX:
# it takes a lock on the revision table that blocks saves while it is built
# (seconds at a million revisions).


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_search_vectors_inline")]

    operations = [
        migrations.AddIndex(
            model_name="revision",
            index=models.Index(fields=["section", "id"], name="revision_by_section"),
        ),
    ]
