"""Pagination that does not count 100,000 rows to draw a page of 50."""

import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


def estimated_row_count(queryset) -> int | None:
    """PostgreSQL's own estimate of how many rows ``queryset`` has, when it is the whole table.

    The planner keeps ``pg_class.reltuples`` up to date through autovacuum
    and ANALYZE, so it is close, and free to read. Returns ``None`` for any
    other database, for a filtered or distinct list, or for a table never
    analysed: those must be counted.
    """
    query = queryset.query
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or query.where or query.distinct or query.combinator:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)", [query.model._meta.db_table]
        )
        row = cursor.fetchone()
    if row is None or row[0] < 0:
        return None
    return int(row[0])


def planned_row_count(queryset) -> int | None:
    """How many rows PostgreSQL's planner expects ``queryset`` to have (``EXPLAIN``, nothing is read)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """Counts what is cheap to count, and says "about" for the rest, on PostgreSQL.

    A full ``COUNT(*)`` reads every row it counts; at 100,000 stories that
    is the slowest part of the admin's list. An unfiltered list of a table
    of ``exact_below`` rows or more takes the table's estimate. A filtered
    or searched list is counted, but only up to ``count_up_to`` rows: what
    the editor asked for is usually fewer, and is then exact. Past it, the
    planner's estimate of the filtered list is shown as "about" (the
    paginator is ``estimated``): a filter on the current revision (its
    section, a search of its headline) would otherwise read a revision for
    every story in the newsroom. Other databases always count.
    """

    exact_below = 10_000
    count_up_to = 1_000
    estimated = False

    @cached_property
    def count(self) -> int:
        if not hasattr(self.object_list, "query"):
            return super().count
        estimate = estimated_row_count(self.object_list)
        if estimate is not None and estimate >= self.exact_below:
            self.estimated = True
            return estimate
        if connections[self.object_list.db].vendor != "postgresql" or estimate is not None:
            return super().count
        # Only the ids: the list's annotations would be worked out for every row counted.
        counted = self.object_list.order_by().values("pk")[: self.count_up_to].count()
        if counted < self.count_up_to:
            return counted
        self.estimated = True
        return max(counted, planned_row_count(self.object_list) or 0)
