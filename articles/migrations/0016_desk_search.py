from django.db import migrations

# The desk's search box, at a million revisions, searching current headlines
# alone (PostgreSQL only; on SQLite the search is the same query, unindexed,
# and this does nothing). See ``selectors.desk_search``.
#
# A story whose current revision is its live one carries that revision's
# headlines on its own row (publishing copies them there, ``_make_live``),
# so its current headlines are indexed on the story table: one trigram
# index per language, partial to those stories (100,000 rows, not the
# million revisions of 0015's indexes, of which 90% were older revisions
# read only to be dropped). The other stories (drafts, stories edited since
# they went live, taken down) are found by a partial index of their own and
# their current revision is read by id: as many as the newsroom has work in
# progress, whatever the archive's size. The planner cannot count "latest
# differs from live" from the columns' statistics (it guesses 99.5% of the
# table, and then reads every revision the old indexes find), hence the
# statistics object on the comparison (which the planner reads for the
# ``IS TRUE`` test of it that the query and the index's WHERE make), and the
# ANALYZE that fills it.
#
# 0015's revision trigram indexes served only this search: they are dropped
# (140 MB at a million revisions, and two GIN entries written by every save).
DIFFERS = "(latest_revision_id IS DISTINCT FROM live_revision_id)"
UNPUBLISHED = f"({DIFFERS} IS TRUE)"
INDEXES = {
    "article_current_headline_ar_trgm": '"articles_article" USING gin ((UPPER("headline_ar")) gin_trgm_ops) '
    'WHERE "latest_revision_id" = "live_revision_id"',
    "article_current_headline_en_trgm": '"articles_article" USING gin ((UPPER("headline_en")) gin_trgm_ops) '
    'WHERE "latest_revision_id" = "live_revision_id"',
    "article_unpublished_head": f'"articles_article" ("latest_revision_id", "id") WHERE {UNPUBLISHED}',
}
STATISTICS = "article_unpublished_head_stats"
OLD_INDEXES = {
    "revision_headline_ar_trgm": '"articles_revision" USING gin ((UPPER("headline_ar")) gin_trgm_ops)',
    "revision_headline_en_trgm": '"articles_revision" USING gin ((UPPER("headline_en")) gin_trgm_ops)',
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON {definition}')
    schema_editor.execute(f'CREATE STATISTICS IF NOT EXISTS "{STATISTICS}" ON {DIFFERS} FROM "articles_article"')
    schema_editor.execute('ANALYZE "articles_article"')
    for name in OLD_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in OLD_INDEXES.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON {definition}')
    schema_editor.execute(f'DROP STATISTICS IF EXISTS "{STATISTICS}"')
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_desk_search_trigram_indexes")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
