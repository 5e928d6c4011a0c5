"""Reading deployment settings from the environment.

Every value that differs between a laptop, CI and production comes from an
environment variable; these helpers turn the raw strings into settings and
fail early, naming the variable, when a value cannot be used.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}


def env_str(name: str, default: str = "") -> str:
    """Return the variable's value, or ``default`` when it is unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no variable; anything but a clear yes or no is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    """Read a whole number, naming the variable when it is not one."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_float(name: str, default: float) -> float:
    """Read a number of seconds (or any decimal), naming the variable when it is not one."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}.") from None


def env_list(name: str, default: tuple[str, ...] = ()) -> list[str]:
    """Read a comma-separated list, dropping empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_config(url: str, *, conn_max_age: int = 0) -> dict:
    """Turn a ``DATABASE_URL`` into Django's ``DATABASES['default']``.

    Only PostgreSQL and SQLite are supported; anything else, or a URL that
    names no database, is refused with a message that says what was wrong.
    """
    scheme = urlsplit(url).scheme
    if not scheme:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL: {url!r}. "
            "Use postgres://user@host:5432/name or sqlite:///path/to/file.sqlite3."
        )
    if scheme not in DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL uses the unsupported scheme {scheme!r}; "
            "the newsroom runs on PostgreSQL (postgres://) or SQLite (sqlite:///)."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {error}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL names no database: {url!r}.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.update(sqlite_options())
    elif config["ENGINE"] == "django.db.backends.postgresql":
        config["ENGINE"] = "newsroom.postgresql"  # Django's, checking pooled connections cheaply and preparing
    return dict(config)


def sqlite_options() -> dict:
    """SQLite tuned for a web server: writers queue instead of failing."""
    return {
        "OPTIONS": {
            # IMMEDIATE takes the write lock when a transaction opens, so two
            # requests that read then write (a workflow move) are serialised
            # instead of one failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    }


def cache_config(redis_url: str) -> dict:
    """The cache: Redis when ``REDIS_URL`` is set, local memory otherwise."""
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "newsroom",
            }
        }
    if urlsplit(redis_url).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(f"REDIS_URL must start with redis://, rediss:// or unix://, not {redis_url!r}.")
    return {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "newsroom",
            # Fail fast: a cache that takes seconds to answer is worse than none.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def storages_config(backend: str) -> dict:
    """Where uploaded media live: the local disk, or S3-compatible object storage.

    With several app servers, media must be on shared storage (``MEDIA_STORAGE=s3``);
    the bucket, endpoint and keys come from the ``AWS_*`` variables that
    django-storages reads.

    Uploaded originals go to a storage of their own (``originals``) that
    readers cannot reach: on disk a folder outside ``MEDIA_ROOT`` with no
    address, on S3 private objects under ``originals/`` (or in
    ``AWS_ORIGINALS_BUCKET_NAME``). Public pages only ever link renditions.
    """
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    if backend in ("", "filesystem"):
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "originals": {"BACKEND": "newsroom.storage.OriginalsStorage"},
            "staticfiles": static,
        }
    if backend != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {backend!r}.")
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
        "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
        # Media are public (pictures on public pages): plain URLs, no signatures
        # that would change on every render and defeat page caching.
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    originals = {
        **options,
        "bucket_name": env_str("AWS_ORIGINALS_BUCKET_NAME") or bucket,
        "location": "originals",
        "custom_domain": None,
        # Never public: read by the renditions job and the admin only.
        "default_acl": "private",
        "querystring_auth": True,
        "object_parameters": {"CacheControl": "private, no-store"},
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "originals": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": originals},
        "staticfiles": static,
    }


def tasks_config(backend: str) -> dict:
    """Background work: run at once in-process, or queued in the database for a worker."""
    if backend in ("", "immediate"):
        return {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    if backend == "database":
        return {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    raise ImproperlyConfigured(f"TASKS_BACKEND must be 'immediate' or 'database', not {backend!r}.")


def media_origin(backend: str) -> str | None:
    """The origin pictures are served from when it is not the site's own, for the CSP."""
    if backend != "s3":
        return None
    domain = env_str("AWS_S3_CUSTOM_DOMAIN")
    if domain:
        return f"https://{domain}"
    endpoint = env_str("AWS_S3_ENDPOINT_URL")
    if endpoint:
        parts = urlsplit(endpoint)
        return f"{parts.scheme}://{parts.netloc}"
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    return f"https://{bucket}.s3.amazonaws.com" if bucket else None


def content_security_policy(media_backend: str) -> dict:
    """django-csp's ``CONTENT_SECURITY_POLICY``: the site's own scripts and styles only.

    ``img-src`` adds the media host when pictures are on object storage.
    The admin's few extra needs are added per request by
    ``newsroom.security.ContentSecurityPolicyMiddleware``.
    """
    images = ["'self'", "data:"]
    origin = media_origin(media_backend)
    if origin:
        images.append(origin)
    return {
        "DIRECTIVES": {
            "default-src": ["'self'"],
            "script-src": ["'self'"],
            "style-src": ["'self'"],
            "img-src": images,
            "font-src": ["'self'"],
            "connect-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": ["'none'"],
        }
    }
