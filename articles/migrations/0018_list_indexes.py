from django.db import migrations

# Two indexes for the lists through a join, a tag's and an author's, at
# 100,000 stories (PostgreSQL only; SQLite runs the same queries unindexed).
#
# A tag's or an author's page finds the ids of its twenty stories first
# (``views.StoryPaginator``, ``deep=0``), then reads those rows. The ids
# come from the tag's or author's rows of the join table and, for each, the
# story's publication time and edition, to sort and filter them:
#
# "article_live_by_id": the live stories by id, carrying what the sort and
# the English edition's filter read, so each story of the tag is looked up
# in the index alone (an index-only scan) instead of its row on disk.
#
# "article_author_by_author": the bylines by author, then story, as
# "article_tag_by_tag" has the tags: an author's stories are read from the
# index alone, not from a byline row each.
#
# Plain CREATE INDEX: each locks its table against writes while it is built
# (a second or two at 100,000 stories).
INDEXES = {
    "article_live_by_id": (
        '"articles_article" ("id") INCLUDE ("first_published_at", "has_english") WHERE "live_revision_id" IS NOT NULL'
    ),
    "article_author_by_author": '"articles_articleauthor" ("author_id", "article_id")',
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


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_story_rendered")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
