"""PostgreSQL as Django has it, but a pooled connection is checked without a round trip.

With ``CONN_HEALTH_CHECKS`` on, Django has psycopg's pool check every
connection it lends with an empty query: one more round trip to PostgreSQL
on every request, which on the benchmark's two cores cost the pages a few
per cent of their rate. A connection PostgreSQL closed while it sat in the
pool (its backend terminated, the server restarted or failed over) has said
so on its socket: PostgreSQL sends the reason, then closes. So for a read
(a GET), a connection with nothing to read is lent as it is; one with
something to read (that reason, or a notice) is checked the full way
(``ConnectionPool.check_connection``) and replaced if the check fails. The
reason takes a moment to arrive after PostgreSQL is told to close; a read
whose connection closed in that moment fails its first query and is
answered again on a new connection (``newsroom.database``). A write cannot
be answered again, so its connection is always checked the full way, as
is one lent outside a request (commands, tasks).

Every PostgreSQL ``DATABASE_URL`` is served by it (``newsroom.settings.env``);
with the pool (``newsroom.settings.production``) Django's own check is
turned off, as this one replaces it. Without the pool it is Django's.

It also runs a query as a statement PostgreSQL keeps prepared on the
connection (``execute_prepared``): a query every request runs whose plan
does not depend on its values (a story by its id), which PostgreSQL
otherwise plans again each time. Django's cursors bind values on the
client and cannot prepare; this one binds them on the server.
"""

import select
from collections.abc import Sequence

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base, operations
from psycopg_pool import ConnectionPool

from newsroom.database import may_answer_again


def closed_while_idle(connection: psycopg.Connection, *, ask: bool = False) -> bool:
    """Whether PostgreSQL has closed ``connection``: by its socket alone, or ``ask``-ing it an empty query."""
    if connection.closed or connection.pgconn.status != psycopg.pq.ConnStatus.OK:
        return True
    if not ask:
        try:
            waiting, _, _ = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return True
        if not waiting:
            return False
    try:
        ConnectionPool.check_connection(connection)
    except psycopg.Error:
        return True
    return False


class DatabaseOperations(operations.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        if isinstance(cursor, _PreparingCursor):  # it keeps no text of its own to show: the query log gets Django's
            return self.compose_sql(sql, params)
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        pool = self.pool
        if pool is None:
            return connection
        # A read that loses its connection is answered again; a write is not, so it is lent one PostgreSQL answered.
        ask = not may_answer_again()
        # Every connection the pool holds may have been closed at once (a restart): try each, then a new one.
        for _ in range(pool.max_size):
            if not closed_while_idle(connection, ask=ask):
                return connection
            connection.close()
            pool.putconn(connection)  # the pool throws a closed connection away and makes another in its place
            connection = super().get_new_connection(conn_params)
        return connection

    def execute_prepared(self, sql: str, params: Sequence) -> list[tuple]:
        """``sql``'s rows, run as a statement prepared on this connection, through Django's cursor wrapper.

        The wrapper is the one every query passes (``_prepare_cursor``), so the
        query log, the tests' query counts and ``execute_wrapper`` see it. After
        five runs PostgreSQL may keep one plan for it; give it only queries
        whose best plan is the same whatever their values. Django turns
        psycopg's preparing off (``prepare_threshold``) for connection poolers;
        that is for the cursors it makes, which cannot prepare anyway, so
        here it is turned back on. With ``NEWSROOM_PREPARED_STATEMENTS`` off
        (``DATABASE_PREPARED=false``) it runs as any query.
        """
        if not settings.NEWSROOM_PREPARED_STATEMENTS:
            with self.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        self.ensure_connection()
        raw = self.connection
        if raw.prepare_threshold is None:
            raw.prepare_threshold = _ASKED_ONLY
        with self._prepare_cursor(_PreparingCursor(raw)) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


# Preparing on the connection's own count is left to Django's choice (off); a statement is prepared when asked.
_ASKED_ONLY = 2**31 - 1


class _PreparingCursor(psycopg.Cursor):
    """A cursor binding its values on the server that prepares every statement it runs (psycopg keeps them)."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)
