# The digest of the values a story's cards were drawn from, made by the
# database (``articles.rendered.card_source``): a list compares it with its
# row's in its own query and reads only the cards that fit, instead of
# digesting every card's values in Python (a fifth of a cold section page).
#
# Cheap at any size: PostgreSQL (11 and later) adds a column with a constant
# default to the catalogue alone. Existing rows are of an older version
# (``rendered.DRAWING``): lists draw their own cards until ``manage.py
# story_render`` or the next refresh of each story draws them again.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_story_cards")]

    operations = [
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
