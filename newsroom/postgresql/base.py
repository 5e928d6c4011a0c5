"""PostgreSQL as Django has it, but a pooled connection is checked without a round trip.

With ``CONN_HEALTH_CHECKS`` on, Django has psycopg's pool check every
connection it lends with an empty query: one more round trip to PostgreSQL
on every request, which on the benchmark's two cores cost the pages a few
per cent of their rate. A connection PostgreSQL closed while it sat in the
pool (its backend terminated, the server restarted or failed over) has said
so on its socket: PostgreSQL sends the reason, then closes. So a connection
with nothing to read is lent as it is; one with something to read (that
reason, or a notice) is checked the full way (``ConnectionPool.check_connection``)
and replaced if the check fails. A connection that dies while a request
uses it is ``newsroom.database``'s to deal with, and so is one closed in
the instant between its check and its first query (the empty query's
check had that instant too, between its answer and the next query).

Used when the pool is on (``newsroom.settings.production``), with Django's
own check off there, as this one replaces it.
"""

import select

import psycopg
from django.db.backends.postgresql import base
from psycopg_pool import ConnectionPool


def closed_while_idle(connection: psycopg.Connection) -> bool:
    """Whether PostgreSQL has closed ``connection``, as far as can be told without asking it anything."""
    if connection.closed or connection.pgconn.status != psycopg.pq.ConnStatus.OK:
        return True
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


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        pool = self.pool
        if pool is None:
            return connection
        # Every connection the pool holds may have been closed at once (a restart): try each, then a new one.
        for _ in range(pool.max_size):
            if not closed_while_idle(connection):
                return connection
            connection.close()
            pool.putconn(connection)  # the pool throws a closed connection away and makes another in its place
            connection = super().get_new_connection(conn_params)
        return connection
