"""sitemap.xml: every live story, section and the home page, in each edition it has.

Each entry lists its other editions as hreflang alternates (with x-default
pointing at the Arabic one); a story without English is listed in Arabic
only.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors


class StorySitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "hourly"
    limit = 5000

    def items(self):
        return selectors.sitemap_stories()

    def get_languages_for_item(self, item):
        return ["ar", "en"] if item.has_english else ["ar"]

    def lastmod(self, item):
        return item.last_updated_at or item.first_published_at


class SectionSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "hourly"

    def items(self):
        return selectors.section_nav()

    def location(self, item):
        return item.get_absolute_url()


class HomeSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "always"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"home": HomeSitemap, "sections": SectionSitemap, "stories": StorySitemap}
