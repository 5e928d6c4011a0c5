"""Settings shared by every environment.

Per-environment files (dev, test, production) import everything from here
and change only what differs. Anything secret or deployment-specific is read
from the environment through ``newsroom.settings.env``.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import (
    cache_config,
    content_security_policy,
    database_config,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
    storages_config,
    tasks_config,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "django-insecure-newsroom-development-key-not-for-production")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ("localhost", "127.0.0.1", "[::1]"))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    # Django's admin, with the editorial desk (drafts, reviews, returns) at
    # its front page.
    "articles.admin_site.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "articles",
    # Listens to articles' signals; articles never imports it.
    "pagecache",
    "audit",
    # The story budget, assignments, events and the coverage calendar.
    "planning",
    # Live coverage and breaking-news banners.
    "live",
    # django-ninja: listed so its docs page uses the files it ships, not a CDN.
    "ninja",
    "api",
    "webhooks",
    # The desk's conversation (never public) and the one notification centre.
    "comments",
    "notifications",
    # Draft copies of what editors type, until it is saved as a revision.
    "drafts",
    # Who else has a story open, take-overs and parallel revisions.
    "presence",
]

MIDDLEWARE = [
    # First: plain HTTP is sent to HTTPS before anything is answered, and
    # every answer, a stored page too, leaves with HSTS, nosniff and the
    # referrer and opener policies.
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header, on stored pages too (it is added
    # on the way out, after the page cache has answered).
    "newsroom.security.ContentSecurityPolicyMiddleware",
    # An open form's heartbeat that finds nothing changed is answered here,
    # from Redis alone, held to a signed pass from its last full heartbeat
    # (``presence.quiet``); every other request goes on.
    "presence.middleware.QuietHeartbeatMiddleware",
    # Stored public pages are answered here, before static files, CORS,
    # sessions, languages, CSRF and authentication are looked at (readers
    # need none of them). The framing rule below is stored with the page.
    "pagecache.middleware.PageCacheMiddleware",
    # Outside everything that reads the database: a read whose connection
    # dropped half-way is answered again, once, on a new connection.
    "newsroom.database.RetryReadsOnLostConnectionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The content API's CORS headers and preflight answers (NEWSROOM_API_CORS_ORIGINS).
    "api.middleware.CorsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, so the 400 page speaks it.
    "newsroom.security.RefuseNullCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside messages and sessions: a save's redirect as JSON for the story form's script.
    "drafts.middleware.SaveRedirectAsJsonMiddleware",
    # Last, so it sees the outcome of authentication on the way out.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses sign-ins for a locked-out username and address before checking the password.
    "axes.backends.AxesStandaloneBackend",
    # Django's, reading the signed-in person with a query written once.
    "newsroom.auth.ModelBackend",
    # Sessions signed in before the line above keep working (they name this
    # backend); it never checks a password (the one above stops a wrong one).
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    # The pages readers ask for (``articles.jinja``): the layout, the story, the lists, search, errors.
    {
        "NAME": "public",
        "BACKEND": "articles.jinja.PublicTemplates",
        "DIRS": [BASE_DIR / "templates" / "public"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "articles.jinja.environment"},
    },
]

DATABASES = {
    "default": database_config(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The story page's query kept prepared on each PostgreSQL connection (``newsroom.postgresql``); off
# behind a connection pooler that cannot keep prepared statements (PgBouncer before 1.21).
NEWSROOM_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED", default=True)

CACHES = cache_config(env_str("REDIS_URL"))
# Presence (who else has a story open) is shared through Redis by every app server; the database without it.
NEWSROOM_PRESENCE_REDIS_URL = env_str("REDIS_URL")
# Sessions are read from the cache (Redis in a shared deployment) and
# written through to the database, so a Redis restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Arabic first and by default, English as the second edition.
LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The Arabic desk's dates in the public site's order ("1 ديسمبر 2026"), not Django's "ديسمبر 1, 2026".
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Baghdad")

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "en")
# Names of sections, tags and authors fall back to Arabic; story text never
# does (its translation options switch fallback off), so an English page
# never shows Arabic copy by accident.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ar",)
MODELTRANSLATION_AUTO_POPULATE = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded originals, outside MEDIA_ROOT: never served to readers (see
# newsroom/storage.py and docs/operations.md).
NEWSROOM_ORIGINALS_ROOT = Path(env_str("ORIGINALS_ROOT", str(BASE_DIR / "originals")))
STORAGES = storages_config(env_str("MEDIA_STORAGE", "filesystem"))

# Background work (image renditions, CDN purges, scheduled publishing). In
# development tasks run at once; a shared deployment queues them in the
# database for `manage.py db_worker` (see docs/deployment.md).
TASKS = tasks_config(env_str("TASKS_BACKEND", "immediate"))

# E-mail (notifications). Development prints each e-mail on the console; a
# deployment names its backend (SMTP, or an Anymail backend) in the environment.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "newsroom@localhost")

# Content-Security-Policy (django-csp). Public pages run no inline script
# (their JSON-LD is data, not script), so cached pages need no nonce; pictures
# may also come from the media host when media are on object storage.
CONTENT_SECURITY_POLICY = content_security_policy(env_str("MEDIA_STORAGE", "filesystem"))
# Uploaded pictures: larger files or pictures are refused with a message
# (see articles.services.media.image_check). Django keeps uploads above
# FILE_UPLOAD_MAX_MEMORY_SIZE in a temporary file, so a 20 MB picture never
# sits in memory whole.
NEWSROOM_UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 20) * 1024 * 1024
NEWSROOM_UPLOAD_MAX_PIXELS = env_int("UPLOAD_MAX_MEGAPIXELS", 40) * 1_000_000

LOGIN_URL = "admin:login"

# Sign-in throttling (django-axes): after five failures for one username from
# one address, that pair is locked out for a quarter of an hour. The address
# is the connecting one unless TRUSTED_PROXY_COUNT says how many proxies in
# front of the site add themselves to X-Forwarded-For; otherwise a client
# could pick its own address by sending the header.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO", "propagate": True}},
}

# The newsroom's own settings. Services read them at call time, so tests can
# change them with override_settings.
NEWSROOM_SITE_NAME = {"ar": "الخبر", "en": "Al-Khabar"}
# A moderator may not approve a revision they wrote (the four-eyes rule);
# small newsrooms with one person on the desk can switch it off.
NEWSROOM_FOUR_EYES = env_bool("NEWSROOM_FOUR_EYES", default=True)
NEWSROOM_HEADLINE_MAX_LENGTH = 110
# Planning: the first day of the newsroom's week in calendars and week
# budgets, Monday 0 ... Saturday 5, Sunday 6 (Saturday, as in much of the
# Arab world). Times are shown in TIME_ZONE, and beside it in a person's own.
NEWSROOM_WEEK_START = env_int("NEWSROOM_WEEK_START", 5)

# Public site
# How long a cached public page may be kept at most (every stored page has a
# lifetime). Pages are invalidated as soon as what they show changes; this
# bounds what the cache holds and how long a change that sends no signal
# could take to show.
NEWSROOM_PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# How often each process asks the database whether stored pages are still
# to be trusted (an invalidation Redis did not confirm, a Redis restart):
# the longest a change can take to reach readers when Redis loses it
# (pagecache.freshness). None: never ask (the test suite's pinned counts).
NEWSROOM_PAGE_CACHE_CHECK_SECONDS = env_float("PAGE_CACHE_CHECK_SECONDS", 1.0)
# Prefix of every page-cache key, so that two sites sharing one Redis
# database never serve each other's pages. Empty: derived from the database.
NEWSROOM_PAGE_CACHE_NAMESPACE = env_str("PAGE_CACHE_NAMESPACE")
# Off only to measure the pages themselves (make bench's cold runs).
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", default=True)
NEWSROOM_PAGE_SIZE = 20
# Stories first published within this many days go into the news sitemap.
NEWSROOM_NEWS_SITEMAP_DAYS = 2

# A CDN or caching proxy in front of the site (optional). When a story
# changes, a task sends one request to NEWSROOM_CDN_PURGE_URL naming the
# changed pages' surrogate keys in NEWSROOM_CDN_PURGE_HEADER; see
# docs/deployment.md for Fastly and Varnish.
NEWSROOM_CDN_PURGE_URL = env_str("CDN_PURGE_URL")
NEWSROOM_CDN_PURGE_METHOD = env_str("CDN_PURGE_METHOD", "PURGE")
NEWSROOM_CDN_PURGE_HEADER = env_str("CDN_PURGE_HEADER", "xkey-purge")
NEWSROOM_CDN_PURGE_TOKEN = env_str("CDN_PURGE_TOKEN")

# The content API (/api/v1/). Live stories need no key; anonymous callers
# are limited per address, partners per key (their own rate, set in the
# admin). Answers may be kept by browsers and CDNs this many seconds.
NEWSROOM_API_ANONYMOUS_PER_MINUTE = env_int("API_ANONYMOUS_PER_MINUTE", 120)
NEWSROOM_API_MAX_AGE = env_int("API_MAX_AGE", 60)
# Origins whose browser apps may call the API ("*" for any), comma-separated.
NEWSROOM_API_CORS_ORIGINS = env_list("API_CORS_ORIGINS", ("*",))
# The stable identifiers of stories in ninjs ("urn:newsroom:alkhabar:story:42:ar").
NEWSROOM_NINJS_URI_PREFIX = env_str("NINJS_URI_PREFIX", "urn:newsroom:alkhabar")
# The site's public address, for links in what is sent without a request (webhooks).
NEWSROOM_SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Webhooks: how long a partner's endpoint may take to answer, and how long
# an event is retried (with exponential back-off) before it is given up.
NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
NEWSROOM_WEBHOOK_RETRY_HOURS = env_int("WEBHOOK_RETRY_HOURS", 24)
