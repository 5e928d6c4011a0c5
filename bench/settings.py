"""The benchmark's settings: production, plus a trivial view and a page-cache switch.

Only used by `make bench`; never by the site itself.
"""

import os

os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-" + "b" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("TASKS_BACKEND", "immediate")
# wrk is one address asking thousands of times a second: the API's anonymous limit would answer 429.
os.environ.setdefault("API_ANONYMOUS_PER_MINUTE", "100000000")

from newsroom.settings.production import *  # noqa: E402, F403
from newsroom.settings.production import LOGGING  # noqa: E402

ROOT_URLCONF = "bench.urls"
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}
