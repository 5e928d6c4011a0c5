from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Indexes for the desk's search box at a million revisions (PostgreSQL only;
# on SQLite the search is the same query, unindexed, and this does nothing).
#
# The box matches a word inside the current revision's Arabic or English
# headline, in any case (Django's ``icontains``: ``UPPER(headline) LIKE
# UPPER('%word%')``), or the whole wire ID in any case (``iexact``). A LIKE
# with a leading wildcard can only use a trigram index (``pg_trgm``), built
# here on the same ``UPPER`` expression the query tests. Every revision is
# indexed, not only the current ones: an index's WHERE cannot look at the
# story table, where "current" is recorded; the query keeps the current
# revisions of what the index finds (``selectors.desk_search``). About 100 MB
# for the Arabic headlines and 40 MB for the English at a million revisions,
# 20 s to build there, during which the table takes no writes.
#
# ``CREATE EXTENSION pg_trgm`` needs the database's owner (it is a trusted
# extension from PostgreSQL 13) or a superuser; see docs/deployment.md.
INDEXES = {
    "revision_headline_ar_trgm": '"articles_revision" USING gin ((UPPER("headline_ar")) gin_trgm_ops)',
    "revision_headline_en_trgm": '"articles_revision" USING gin ((UPPER("headline_en")) gin_trgm_ops)',
    "article_external_id_upper": '"articles_article" (UPPER("external_id"))',
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON {definition}')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class OnPostgreSQL(TrigramExtension):
    """``pg_trgm``, on PostgreSQL; nothing elsewhere, either way (Django's asks ``pg_extension`` going back)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_desk_list_indexes")]

    operations = [
        OnPostgreSQL(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
