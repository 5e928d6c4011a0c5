"""The site's addresses plus the trivial view the benchmark measures against."""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site


def trivial(request):
    """A fixed string through the whole middleware stack: the ceiling for any page."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *site]
