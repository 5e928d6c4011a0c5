"""The live body as plain text beside the search index: what results' excerpts are cut from.

A page of search results turned twenty HTML bodies into plain text on every
request (most of the request's time). The plain text is now written with the
index when a story goes live (``search.index_article``); this fills it for
the stories already live, in batches of a thousand, one UPDATE each on PostgreSQL (no model
saves, no signals).
"""

from django.db import migrations, models

BATCH = 1000


def fill(apps, schema_editor):
    from articles.search.index import plain_bodies

    article_model = apps.get_model("articles", "Article")
    live = (
        article_model._default_manager.filter(live_revision__isnull=False)
        .only("pk", "has_english", "body_ar", "body_en")
        .order_by("pk")
    )
    batch = []
    for article in live.iterator(chunk_size=BATCH):
        bodies = plain_bodies(article)
        batch.append((article.pk, bodies["search_body_ar"], bodies["search_body_en"]))
        if len(batch) == BATCH:
            _write(schema_editor, article_model._meta.db_table, batch)
            batch = []
    if batch:
        _write(schema_editor, article_model._meta.db_table, batch)


def _write(schema_editor, table: str, rows: list[tuple[int, str, str]]) -> None:
    """One UPDATE for the batch on PostgreSQL (the rows as arrays), one per row elsewhere."""
    table = schema_editor.quote_name(table)
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            ids, arabic, english = zip(*rows, strict=True)
            cursor.execute(
                f"UPDATE {table} AS story SET search_body_ar = plain.ar, search_body_en = plain.en "  # noqa: S608
                "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS plain(id, ar, en) WHERE story.id = plain.id",
                [list(ids), list(arabic), list(english)],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET search_body_ar = %s, search_body_en = %s WHERE id = %s",  # noqa: S608
                [(ar, en, pk) for pk, ar, en in rows],
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_search_vectors_inline")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_body_ar",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="body as plain text (Arabic)"),
        ),
        migrations.AddField(
            model_name="article",
            name="search_body_en",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="body as plain text (English)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
