"""Re-index live stories under the search rules of issue 21.

The normaliser changed what a story is indexed under (function words out,
ta marbuta kept, both readings of an ambiguous first letter, digits folded,
every word at its place), so the stored vectors and terms of stories that
were live before are rebuilt; publishing indexes every story after.
"""

from django.db import migrations


def reindex_live_stories(apps, schema_editor):
    from articles.search.index import reindex_live

    reindex_live(apps.get_model("articles", "Article"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_rendition_crops"),
    ]

    operations = [
        migrations.RunPython(reindex_live_stories, migrations.RunPython.noop, elidable=True),
    ]
