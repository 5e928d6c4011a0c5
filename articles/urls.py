from django.urls import path

from . import cache, feeds, views

app_name = "articles"


def _feed(feed, keys):
    """A feed view served through the page cache."""
    return cache.cached_page(keys)(feed())


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
    path("feeds/rss/", _feed(feeds.LatestStoriesFeed, lambda: [cache.LIVE]), name="rss"),
    path("feeds/atom/", _feed(feeds.LatestStoriesAtomFeed, lambda: [cache.LIVE]), name="atom"),
    path(
        "section/<slug:slug>/rss/",
        _feed(feeds.SectionFeed, lambda slug: [cache.section_key(slug), cache.LIVE]),
        name="section_rss",
    ),
    path(
        "section/<slug:slug>/atom/",
        _feed(feeds.SectionAtomFeed, lambda slug: [cache.section_key(slug), cache.LIVE]),
        name="section_atom",
    ),
]
