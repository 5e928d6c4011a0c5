"""Reads that lost their database connection half-way get one more try on a new one.

Django's health checks (``CONN_HEALTH_CHECKS``), and the pool's check when
the pool is on (``newsroom.postgresql``: by the socket for a read, by a round
trip for a write, as ``may_answer_again`` says), replace a connection that
died while idle before a request uses it. A connection that dies *during* a
request (PostgreSQL restarted, a backend terminated, a failover) still
fails that request. For a read (GET or HEAD)
nothing was written, so answering it again from the start on a new
connection is safe; for a write it is not (the commit may have gone through),
so writes are left to the view, which gives the editor their text back (see
``ArticleAdmin._save_lost_the_database``).
"""

import contextvars
import logging

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)
SAFE_METHODS = ("GET", "HEAD")
# Whether the request being answered may be answered again if its connection drops (a read); outside one, no.
_answerable_again = contextvars.ContextVar("answerable_again", default=False)


def may_answer_again() -> bool:
    """Whether what runs now is a read that ``RetryReadsOnLostConnectionMiddleware`` answers again on a lost connection."""
    return _answerable_again.get()


def _note_lost_connection(sender, request=None, **kwargs):
    import sys

    error = sys.exc_info()[1]
    if request is not None and isinstance(error, (OperationalError, InterfaceError)):
        request._database_lost = True


got_request_exception.connect(_note_lost_connection, dispatch_uid="newsroom.database.lost_connection")


class RetryReadsOnLostConnectionMiddleware:
    """Answer a read again, once, when its database connection dropped under it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        answerable = _answerable_again.set(request.method in SAFE_METHODS)
        try:
            return self._answer(request)
        finally:
            _answerable_again.reset(answerable)

    def _answer(self, request):
        response = self.get_response(request)
        if request.method in SAFE_METHODS and getattr(request, "_database_lost", False):
            request._database_lost = False
            logger.warning("A read lost its database connection; answering it again on a new one: %s", request.path)
            for connection in connections.all(initialized_only=True):
                # Requests run outside transactions (no ATOMIC_REQUESTS); only a
                # test's own transaction can be around one, and it must stay.
                if not connection.in_atomic_block:
                    connection.close()
            response = self.get_response(request)
        return response
