"""CORS for the content API: browser apps on the origins in ``NEWSROOM_API_CORS_ORIGINS`` may read it.

Only ``/api/`` is concerned; the site and the admin never answer another
origin. Preflight requests are answered here, before any view runs.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"
EXPOSED = "ETag, Retry-After"


class CorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin")
        allowed = self._allowed(origin)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            if allowed:
                response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
                response["Access-Control-Allow-Headers"] = "X-API-Key, If-None-Match"
                response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        if allowed:
            response["Access-Control-Allow-Origin"] = allowed
            response["Access-Control-Expose-Headers"] = EXPOSED
        if origin is not None:
            patch_vary_headers(response, ["Origin"])
        return response

    @staticmethod
    def _allowed(origin: str | None) -> str | None:
        if not origin:
            return None
        origins = settings.NEWSROOM_API_CORS_ORIGINS
        if "*" in origins:
            return "*"
        return origin if origin in origins else None
