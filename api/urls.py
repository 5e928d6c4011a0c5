from django.http import JsonResponse
from django.urls import path, re_path

from .views import api


def not_found(request, rest=""):
    """Any other address under the API answers in JSON, as the API does, not with the site's HTML page."""
    return JsonResponse({"detail": "There is nothing at this address in the API."}, status=404)


urlpatterns = [path("v1/", api.urls), re_path(r"^(?P<rest>.*)$", not_found)]
