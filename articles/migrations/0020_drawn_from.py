# The digests of the values a story's pieces and cards were drawn from,
# made by the database (``articles.rendered.story_source`` and
# ``card_source``): the story page's query and a list's compare them with
# their row's and read only the copies that fit, instead of digesting the
# row in Python on every request (a fifth of a cold section page: every
# card's values).
#
# Cheap at any size: PostgreSQL (11 and later) adds a column with a constant
# default to the catalogue alone. Existing rows are of an older version
# (``rendered.DRAWING``): pages draw their own until ``manage.py
# story_render`` or the next refresh of each story draws them again.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_story_cards")]

    operations = [
        migrations.AddField(
            model_name="renderedstory",
            name="pieces_from",
            field=models.CharField(
                blank=True,
                default="",
                help_text="The digest of the values the pieces were drawn from, as the database makes it.",
                max_length=32,
                verbose_name="pieces drawn from",
            ),
        ),
        migrations.AddField(
            model_name="renderedstory",
            name="cards_from",
            field=models.CharField(
                blank=True,
                default="",
                help_text="The digest of the values the cards were drawn from, as the database makes it.",
                max_length=32,
                verbose_name="cards drawn from",
            ),
        ),
    ]
