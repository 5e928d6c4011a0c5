# The story cards the lists print, drawn with the story's pieces
# (``articles.rendered.CARDS``). A column of its own beside the pieces, so
# a list reads the cards it prints of each story (one key of the JSON), not
# its page.
#
# Cheap at any size: PostgreSQL (11 and later) adds a column with a constant
# default to the catalogue alone, without rewriting the table. Existing rows
# keep no cards (and are of an older version, since the cards' template is
# part of ``version()``): lists draw their own until ``manage.py
# story_render`` or the next refresh of each story draws them.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0018_list_indexes")]

    operations = [
        migrations.AddField(
            model_name="renderedstory",
            name="cards",
            field=models.JSONField(blank=True, default=dict, help_text="The drawn cards, as JSON.", verbose_name="cards"),
        ),
    ]
