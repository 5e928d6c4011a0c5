"""The settings read the environment and refuse values they cannot use."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings import env

ROOT = Path(__file__).resolve().parents[2]


def test_postgres_url_becomes_postgres_settings():
    config = env.database_config("postgres://root@127.0.0.1:5432/newsroom")
    assert config["ENGINE"] == "newsroom.postgresql"  # Django's own, with a cheaper pool check and prepared statements
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("127.0.0.1", 5432, "newsroom", "root")
    assert config["CONN_HEALTH_CHECKS"] is True


def test_sqlite_url_serialises_writers():
    config = env.database_config("sqlite:////tmp/newsroom.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/newsroom.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "DATABASE_URL is not a database URL"),
        ("mysql://root@localhost/news", "unsupported scheme 'mysql'"),
        ("postgres://root@localhost:5432/", "names no database"),
        ("postgres://root@localhost:notaport/news", "could not be read"),
    ],
)
def test_bad_database_url_is_refused_with_a_clear_message(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        env.database_config(url)


def test_redis_url_selects_the_redis_cache():
    caches = env.cache_config("redis://127.0.0.1:6379/1")
    assert caches["default"]["BACKEND"] == "newsroom.cache.ResilientRedisCache"
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_without_redis_the_cache_is_local_memory():
    assert env.cache_config("")["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_bad_redis_url_is_refused():
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must start with redis://"):
        env.cache_config("http://127.0.0.1:6379")


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("", False)])
def test_boolean_variables(monkeypatch, raw, expected):
    monkeypatch.setenv("NEWSROOM_FLAG", raw)
    assert env.env_bool("NEWSROOM_FLAG") is expected


def test_unclear_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env.env_bool("DEBUG")


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " news.example.com, ,www.example.com ")
    assert env.env_list("ALLOWED_HOSTS") == ["news.example.com", "www.example.com"]


def _load_production_settings(show="settings.DEBUG", **variables):
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(variables)
    environment["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.production"
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({show})",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _load_production_settings(ALLOWED_HOSTS="news.example.com")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = _load_production_settings(SECRET_KEY="django-insecure-" + "x" * 60, ALLOWED_HOSTS="news.example.com")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _load_production_settings(SECRET_KEY="k" * 64)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the site's host names" in result.stderr


def test_production_starts_with_both_set_and_debug_off():
    result = _load_production_settings(SECRET_KEY="k" * 64, ALLOWED_HOSTS="news.example.com")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_bad_database_url_stops_the_site_with_a_message_naming_it():
    result = _load_production_settings(
        SECRET_KEY="k" * 64, ALLOWED_HOSTS="news.example.com", DATABASE_URL="mysql://root@localhost/news"
    )
    assert result.returncode != 0
    assert "DATABASE_URL uses the unsupported scheme 'mysql'" in result.stderr
