"""The Content-Security-Policy header, with the admin's few exceptions.

Public pages get the policy in ``settings.CONTENT_SECURITY_POLICY`` as it
is: scripts, styles and fonts from the site only, no inline script, no
plugins, no framing. The admin's rich-text editor needs two things more:
its import map (an inline ``<script type="importmap">``, allowed by its
hash, so no other inline script can run) and inline styles, which it sets
on what it draws.
"""

import base64
import functools
import hashlib
import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(reverse("admin:index")):
            parts.update = {**admin_policy_update(), **(parts.update or {})}
        return parts


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
            raise BadRequest(_("The address or the form contains a character that is not allowed."))
        return self.get_response(request)
