"""Settings for a real deployment, on one machine or many.

Refuses to start on a development secret or an empty host list: a
newsroom that boots with a known key has handed out its editors' sessions.
See docs/deployment.md for the processes and variables.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES
from .env import env_bool, env_int, env_list, env_str, storages_config, tasks_config

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must name the site's host names in production, "
        "comma-separated (for example: ALLOWED_HOSTS=news.example.com)."
    )

# PostgreSQL through psycopg's connection pool: each worker process keeps a
# few open connections instead of connecting per request. Each connection is
# checked before it is lent, so a database restart costs no failed request:
# by its socket (``newsroom.postgresql``) rather than by Django's check
# (CONN_HEALTH_CHECKS), which asks PostgreSQL an empty query every request.
if DATABASES["default"]["ENGINE"] == "newsroom.postgresql" and env_bool("DATABASE_POOL", default=True):
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps connections, not Django
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN", 2),
        "max_size": env_int("DATABASE_POOL_MAX", 8),
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
    }

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a promise to browsers that is slow to take back; it is
    # the operator's choice (SECURE_HSTS_PRELOAD=true), not a default, so
    # `check --deploy` is not told to nag about it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

STORAGES = {
    **storages_config(env_str("MEDIA_STORAGE", "filesystem")),
    # Hashed, compressed file names, served by whitenoise with far-future caching.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A request never waits for background work: tasks are queued in the
# database and run by `manage.py db_worker`.
TASKS = tasks_config(env_str("TASKS_BACKEND", "database"))
