"""The page cache's one row of state in the database (no model: nothing of the newsroom's is kept here).

``epoch`` rises whenever an invalidation could not be confirmed by Redis, or
Redis was found restarted (``redis_id``, its run id, changed): every page
stored under an earlier epoch is then stale. See ``pagecache.freshness``.
"""

from django.db import migrations

CREATE = """
CREATE TABLE pagecache_state (
    id integer NOT NULL PRIMARY KEY CHECK (id = 1),
    epoch bigint NOT NULL,
    redis_id varchar(64) NOT NULL
)
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.RunSQL(
            [CREATE, "INSERT INTO pagecache_state (id, epoch, redis_id) VALUES (1, 1, '')"],
            reverse_sql="DROP TABLE pagecache_state",
        ),
    ]
