"""Security headers and settings, by environment.

Production (``newsroom.settings.production``, read in a subprocess with a
realistic environment) passes ``check --deploy`` and sends HSTS, secure
cookies, a referrer policy and a cross-origin opener policy; development
and the tests do not force HTTPS. Every environment sends the
Content-Security-Policy: public pages allow no inline script, so cached
pages need no nonce.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from csp.constants import NONCE
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from newsroom import security
from newsroom.security import ContentSecurityPolicyMiddleware, admin_policy_update
from newsroom.settings.env import content_security_policy
from tests.factories import published

from .harmless import dangers

ROOT = Path(__file__).resolve().parents[2]


def production(tmp_path, code: str, **variables) -> subprocess.CompletedProcess:
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "AWS_", "MEDIA_"))},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "news.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "TASKS_BACKEND": "immediate",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = production(
        tmp_path,
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_names_the_preload_question_when_asked_to_preload(tmp_path):
    # With SECURE_HSTS_PRELOAD on, nothing is silenced and the check still passes.
    result = production(
        tmp_path,
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        SECURE_HSTS_PRELOAD="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr


HEADERS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="news.example.com")
out = {}
plain = client.get("/robots.txt")
out["plain"] = {"status": plain.status_code, "location": plain.get("Location", "")}
secure = client.get("/robots.txt", secure=True)
out["secure"] = dict(secure.headers)
from django.conf import settings
from django.test.utils import override_settings
# Static files are not collected here: hashed names are not what is tested.
plain_static = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain_static):
    login = client.get("/admin/login/", secure=True)
out["login_cookies"] = {name: dict(morsel) for name, morsel in login.cookies.items()}
out["admin"] = dict(login.headers)
out["settings"] = {name: getattr(settings, name) for name in (
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "DEBUG")}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def production_answers(tmp_path_factory):
    result = production(tmp_path_factory.mktemp("production"), HEADERS_SCRIPT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_plain_http_to_https(production_answers):
    assert production_answers["plain"] == {"status": 301, "location": "https://news.example.com/robots.txt"}


def test_production_headers(production_answers):
    headers = production_answers["secure"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_production_cookies_are_secure(production_answers):
    assert production_answers["settings"] == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "DEBUG": False,
    }
    csrf = production_answers["login_cookies"]["csrftoken"]
    assert csrf["secure"] is True and csrf["samesite"] == "Lax"


def test_development_does_not_force_https(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response
    assert not settings.SESSION_COOKIE_SECURE and not settings.SECURE_SSL_REDIRECT


def directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_pages_policy(client):
    article = published()
    for address in ("/ar/", article.get_absolute_url(), "/en/search/?q=Iraq", "/ar/feeds/rss/", "/sitemap.xml"):
        policy = directives(client.get(address)["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], address
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_a_cached_page_carries_the_policy_too(client):
    article = published()
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())
    assert first.content == second.content  # served from the page cache
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in second["Content-Security-Policy"]


@pytest.mark.django_db
def test_public_pages_run_no_inline_script(client):
    article = published()
    for address in ("/ar/", "/en/", article.get_absolute_url(), "/ar/search/?q=العراق"):
        page = client.get(address).content.decode()
        assert dangers(page) == [], address


def test_the_admin_allows_only_its_editors_import_map_and_inline_styles(client, editor):
    client.force_login(editor)
    response = client.get("/admin/articles/article/add/")
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert [source for source in policy["script-src"] if source.startswith("'sha256-")]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert '<script type="importmap">' in response.content.decode()


@pytest.mark.parametrize(
    ("variables", "origin"),
    [
        ({"AWS_S3_CUSTOM_DOMAIN": "media.example.com"}, "https://media.example.com"),
        ({"AWS_S3_ENDPOINT_URL": "https://s3.example.net:9000"}, "https://s3.example.net:9000"),
        ({}, "https://newsroom-media.s3.amazonaws.com"),
    ],
)
def test_pictures_may_come_from_the_media_host_on_object_storage(monkeypatch, variables, origin):
    for name in ("AWS_S3_CUSTOM_DOMAIN", "AWS_S3_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "newsroom-media")
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert content_security_policy("s3")["DIRECTIVES"]["img-src"] == ["'self'", "data:", origin]
    assert content_security_policy("filesystem")["DIRECTIVES"]["img-src"] == ["'self'", "data:"]


class PolicyAsBefore(CSPMiddleware):
    """The middleware as it was before the shared policies were built once: django-csp's, plus the admin's rule."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(reverse("admin:index")):
            parts.update = {**admin_policy_update(), **(parts.update or {})}
        return parts


def _answered(middleware_class, path: str, *, status=200, nonce=False, **attributes):
    request = RequestFactory().get(path)
    middleware = middleware_class(lambda request: None)
    middleware.process_request(request)
    if nonce:
        str(request.csp_nonce)
        request._csp_nonce = "fixed-nonce-for-the-comparison"
    response = HttpResponse("ok", status=status)
    for name, value in attributes.items():
        setattr(response, name, value)
    middleware.process_response(request, response)
    return {name: response.get(name) for name in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")}


WITH_NONCE = {"DIRECTIVES": {**content_security_policy("filesystem")["DIRECTIVES"], "script-src": ["'self'", NONCE]}}
ANSWERS = {
    "public page": ("/ar/", {}),
    "admin": ("/admin/articles/article/add/", {}),
    "csp_update": ("/api/v1/docs", {"_csp_update": {"style-src": ["'unsafe-inline'"]}}),
    "csp_replace": ("/ar/", {"_csp_replace": {"img-src": ["'self'"]}}),
    "csp_config": ("/ar/", {"_csp_config": {"default-src": ["'none'"]}}),
    "exempt": ("/ar/", {"_csp_exempt": True}),
    "not found": ("/ar/nothing/", {"status": 404}),
}


@pytest.mark.parametrize("settings_change", ["as configured", "report-only too", "a nonce", "excluded", "debug"])
@pytest.mark.parametrize("answer", ANSWERS, ids=str)
def test_the_policy_is_the_one_django_csp_builds(settings, answer, settings_change):
    path, attributes = ANSWERS[answer]
    attributes = dict(attributes)
    nonce = False
    if settings_change == "report-only too":
        settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/r"}}
    elif settings_change == "a nonce":
        settings.CONTENT_SECURITY_POLICY = WITH_NONCE
        nonce = True
    elif settings_change == "excluded":
        settings.CONTENT_SECURITY_POLICY = {**settings.CONTENT_SECURITY_POLICY, "EXCLUDE_URL_PREFIXES": ["/ar/"]}
    elif settings_change == "debug":
        settings.DEBUG = True
    expected = _answered(PolicyAsBefore, path, nonce=nonce, **attributes)
    for _ in range(2):  # built, then the one kept
        assert _answered(ContentSecurityPolicyMiddleware, path, nonce=nonce, **attributes) == expected


def test_a_nonce_asked_for_is_in_the_policy_of_its_own_response(settings):
    settings.CONTENT_SECURITY_POLICY = WITH_NONCE
    headers = set()
    for _ in range(2):
        request = RequestFactory().get("/ar/")
        middleware = ContentSecurityPolicyMiddleware(lambda request: None)
        middleware.process_request(request)
        nonce = str(request.csp_nonce)
        policy = middleware.process_response(request, HttpResponse("ok"))["Content-Security-Policy"]
        assert f"'nonce-{nonce}'" in directives(policy)["script-src"]
        headers.add(policy)
    assert len(headers) == 2


def test_the_shared_policy_is_built_once_per_process_and_again_when_the_setting_changes(client, settings, monkeypatch):
    built = []
    monkeypatch.setattr(security, "build_policy", lambda **kwargs: built.append(kwargs) or build_policy(**kwargs))
    security._shared_policy.cache_clear()
    for _ in range(3):
        client.get("/robots.txt")
    assert len(built) == 2  # the policy and the report-only one, once each
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/robots.txt")["Content-Security-Policy"] == "default-src 'none'"
