"""The site's addresses: the admin, and the public site under /ar/ and /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles import sitemaps, views
from articles.dependencies import LIVE, cacheable, page_number
from articles.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    # The content API, outside the language prefix: every answer carries both editions.
    path("api/", include("api.urls")),
    # Outside the language prefix: one sitemap lists both editions.
    # Calendar feeds of planned coverage, behind a per-person token (never a reader's page).
    path("planning/", include("planning.urls")),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    # An index of sitemaps, the stories' split into pages of a thousand.
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        cacheable(lambda **_: [LIVE], parameters={"p": page_number})(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("", include("live.urls")),
    prefix_default_language=True,
)

handler400 = "articles.views.bad_request"
handler404 = "articles.views.page_not_found"
handler500 = "articles.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
