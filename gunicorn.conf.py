"""gunicorn settings for the newsroom: `gunicorn -c gunicorn.conf.py newsroom.wsgi`.

Every value can be changed from the environment, so one file serves a laptop,
a two-core server and a large one.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: the site's work is CPU-bound Python with short database
# calls, and cached pages answer in microseconds. One worker per core, plus
# one, keeps the cores busy while a worker waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = 10000
# Load the app before forking: workers share its memory pages.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    """Before each worker is forked from the loaded app: the collector leaves what is loaded alone.

    Everything the app built on loading (Django, the models, the URLs, the
    templates' loaders) lives as long as the process, yet each full
    collection walked it all again: ~150,000 objects, ~90 ms, about once
    every 300 heartbeats, about a tenth of their CPU. Frozen, a full
    collection walks only what the worker made since; the pages stay shared
    with the parent, too, as no collection writes to them.
    """
    gc.freeze()
