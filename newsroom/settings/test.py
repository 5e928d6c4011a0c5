"""Settings for the test suite: SQLite by default, PostgreSQL with DATABASE_URL."""

from .base import *  # noqa: F403
from .base import BASE_DIR

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
