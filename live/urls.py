from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("news/<int:pk>/live/updates/", views.updates, name="updates"),
    path("news/<int:pk>/live/feed/", views.feed, name="feed"),
    path("live/banner/", views.banner, name="banner"),
]
