"""Settings for the test suite: SQLite by default, PostgreSQL with DATABASE_URL."""

import os
import re

# `make test` runs the suite on two workers (pytest-xdist). pytest-django gives
# each its own test database; Redis is shared, and the tests empty the cache
# between them, so each worker takes its own Redis database, counted down from
# the one REDIS_URL names (15 → 15 and 14). The environment is rewritten, not
# only the setting, so that app servers a test starts use the same database;
# the marker keeps such a server (it inherits PYTEST_XDIST_WORKER) from moving again.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL") and not os.environ.get("NEWSROOM_REDIS_PER_WORKER"):
    _match = re.fullmatch(r"(?P<base>redis://[^/]+)(?:/(?P<db>\d+))?", os.environ["REDIS_URL"])
    if _match:
        _db = int(_match["db"] or 0) - int(_worker[2:])
        if _db < 0:
            raise RuntimeError(f"REDIS_URL's database is too low for worker {_worker}: name database 15")
        os.environ["REDIS_URL"] = f"{_match['base']}/{_db}"
        os.environ["NEWSROOM_REDIS_PER_WORKER"] = "1"

from .base import *  # noqa: E402, F403
from .base import BASE_DIR  # noqa: E402

DEBUG = False
SECRET_KEY = "test-only-secret-key-with-enough-entropy-0123456789abcdef"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"
NEWSROOM_ORIGINALS_ROOT = BASE_DIR / ".test-originals"
# Serve static files from the app folders, as in development: the suite
# runs without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Sign-in throttling is switched on by the tests that exercise it; elsewhere
# it would count the suite's own deliberate failures.
AXES_ENABLED = False
# Each process asks the database whether stored pages may be trusted once a
# second; the suite pins what pages cost without that (tests/pagecache
# switch it on).
NEWSROOM_PAGE_CACHE_CHECK_SECONDS = None
# On SQLite the test database is a file, not memory: Django's live server
# shares an in-memory database's one connection with every thread it
# answers on, and two requests (or a request and the test) using it at once
# now and then lost a transaction's work. A file gives each thread its own
# connection, as PostgreSQL does; pytest-django gives each worker its own file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
