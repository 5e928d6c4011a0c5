from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("calendar/<str:token>/mine.ics", views.person_feed, name="person_feed"),
    path("calendar/<str:token>/section/<slug:slug>.ics", views.section_feed, name="section_feed"),
]
