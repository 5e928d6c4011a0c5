"""The Content-Security-Policy header, with the admin's few exceptions.

Public pages get the policy in ``settings.CONTENT_SECURITY_POLICY`` as it
is: scripts, styles and fonts from the site only, no inline script, no
plugins, no framing. The admin's rich-text editor needs two things more:
its import map (an inline ``<script type="importmap">``, allowed by its
hash, so no other inline script can run) and inline styles, which it sets
on what it draws.

A response nobody gave a policy of its own (no ``csp_update`` or
``csp_replace``, no nonce asked for) gets the same header as every other
such response of its kind (public or admin): it is built once per process,
by django-csp's own ``build_policy``, and set as it is. Building it anew
each time, twice (the policy and the report-only one), with a ``reverse()``
to tell the admin, cost about as much as the rest of a page cache hit.
"""

import base64
import functools
import hashlib
import http.client
import re
from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.signals import setting_changed
from django.http import JsonResponse
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from api.middleware import API_PREFIX

IMPORT_MAP = re.compile(r'<script type="importmap"[^>]*>(.*?)</script>', re.S)


@functools.cache
def admin_policy_update() -> dict[str, list[str]]:
    """What the admin adds to the policy: the rich-text editor's import map, by hash, and inline styles."""
    from django_prose_editor.widgets import importmap

    hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
        for text in IMPORT_MAP.findall(str(importmap))
    ]
    return {"script-src": hashes, "style-src": ["'unsafe-inline'"]}


# The attributes django-csp's decorators leave on a response that wants a policy of its own.
_OWN_POLICY = {
    False: ("_csp_config", "_csp_update", "_csp_replace"),
    True: ("_csp_config_ro", "_csp_update_ro", "_csp_replace_ro"),
}
_KINDS = (
    (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
    (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
)
_DEBUG_EXEMPT = (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND)


@functools.lru_cache(maxsize=8)
def _admin_prefix(urlconf, script_prefix: str) -> str:
    return reverse("admin:index", urlconf=urlconf)


@functools.lru_cache(maxsize=8)
def _shared_policy(report_only: bool, admin: bool) -> str:
    """The header every response of a kind gets when it asks for nothing of its own (built once)."""
    update = admin_policy_update() if admin else None
    return build_policy(update=update, report_only=report_only)


@functools.lru_cache(maxsize=2)
def _excluded_prefixes(setting: str) -> tuple[str, ...]:
    return tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ())


def _forget_policies(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "ROOT_URLCONF":
        _shared_policy.cache_clear()
        _excluded_prefixes.cache_clear()
        _admin_prefix.cache_clear()


setting_changed.connect(_forget_policies, dispatch_uid="newsroom.security.forget_policies")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, the admin's additions included, with the shared policies built once."""

    def process_response(self, request, response):
        # What django-csp's process_response does, in its order and with its
        # exemptions, asking ``policy`` for the header instead of building it.
        if response.status_code in _DEBUG_EXEMPT and settings.DEBUG:
            return response
        for report_only, header, exempt, setting in _KINDS:
            policy = self.policy(request, response, report_only=report_only)
            if (
                policy
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(_excluded_prefixes(setting))
            ):
                response[header] = policy
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def policy(self, request, response, *, report_only: bool = False) -> str:
        """The header's value for this response: the shared one, unless it asked for a policy or a nonce of its own."""
        admin = not report_only and request.path_info.startswith(_admin_prefix(get_urlconf(), get_script_prefix()))
        if getattr(request, "_csp_nonce", None) is None and not any(
            getattr(response, name, None) is not None for name in _OWN_POLICY[report_only]
        ):
            return _shared_policy(report_only, admin)
        parts = self.get_policy_parts(request, response, report_only=report_only)
        return build_policy(**asdict(parts), report_only=report_only)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(_admin_prefix(get_urlconf(), get_script_prefix())):
            parts.update = {**admin_policy_update(), **(parts.update or {})}
        return parts


NOT_ALLOWED = gettext_noop("The address or the form contains a character that is not allowed.")


class RefuseNullCharactersMiddleware:
    """Answer 400 to a NUL character in the address or the query string.

    No word, slug or search contains one, and PostgreSQL refuses it in text,
    so it would otherwise reach the database and fail there as a 500.
    Forms already refuse it field by field (Django's CharField does).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            if request.path_info.startswith(API_PREFIX):
                # The content API answers every refusal in JSON and in English, as its schema says.
                return JsonResponse({"detail": NOT_ALLOWED}, status=400)
            raise BadRequest(_(NOT_ALLOWED))
        return self.get_response(request)
