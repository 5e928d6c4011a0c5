"""Keep the search vectors in the story row (PostgreSQL): STORAGE MAIN.

A story's Arabic vector is about 3.5 kB, which PostgreSQL cannot compress
by a quarter, so by default it went to the TOAST table: every candidate a
search looked at cost an index lookup and two chunk reads there, twice
(once to match, once to rank). MAIN keeps it in the row (the body, which
compresses well, moves out instead). The vectors already stored are
rewritten in place so that they move into their rows.
"""

from django.db import migrations

COLUMNS = ("search_ar", "search_en")


def inline(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE articles_article ALTER COLUMN {column} SET STORAGE MAIN")
        # A new value (the same terms) is stored anew, under the new rule.
        schema_editor.execute(
            f"UPDATE articles_article SET {column} = {column} || ''::tsvector WHERE {column} IS NOT NULL"
        )


def back(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE articles_article ALTER COLUMN {column} SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_live_coverage_moves")]

    operations = [migrations.RunPython(inline, back, elidable=False)]
