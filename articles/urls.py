from django.urls import path

from . import feeds, views
from .dependencies import LIVE, cacheable, section_key

app_name = "articles"


def _feed(feed, keys):
    """A feed view whose readers' copies may be kept (see ``dependencies``)."""
    return cacheable(keys)(feed())


urlpatterns = [
    path("", views.home, name="home"),
    path("news/<int:pk>/<str:slug>/", views.story, name="story"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("author/<slug:slug>/", views.author, name="author"),
    path("archive/<int:year>/", views.archive, name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.archive, name="archive_month"),
    path("archive/<int:year>/<int:month>/<int:day>/", views.archive, name="archive_day"),
    path("search/", views.search_page, name="search"),
    path("feeds/rss/", _feed(feeds.LatestStoriesFeed, lambda: [LIVE]), name="rss"),
    path("feeds/atom/", _feed(feeds.LatestStoriesAtomFeed, lambda: [LIVE]), name="atom"),
    path(
        "section/<slug:slug>/rss/",
        _feed(feeds.SectionFeed, lambda slug: [section_key(slug), LIVE]),
        name="section_rss",
    ),
    path(
        "section/<slug:slug>/atom/",
        _feed(feeds.SectionAtomFeed, lambda slug: [section_key(slug), LIVE]),
        name="section_atom",
    ),
]
