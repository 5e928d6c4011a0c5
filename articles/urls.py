from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/<int:pk>/<str:slug>/", views.story, name="story"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("author/<slug:slug>/", views.author, name="author"),
]
